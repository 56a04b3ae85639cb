import { SOURCE_INFO } from '@/lib/feeds/source-info';
import { SOURCE_IDS } from '@/lib/feeds/sources';

/**
 * The three sources, each with what is fetched, what is never sent, and how it starts out (or,
 * once started, that Hugging Face is on).
 */
export function SourceList({ started = false }: { started?: boolean }) {
  return (
    <ul className="source-list" aria-label="Sources">
      {SOURCE_IDS.map((id) => {
        const info = SOURCE_INFO[id];
        return (
          <li key={id} className="source-item" data-source={id}>
            <div className="source-item-head">
              <h3>{info.title}</h3>
              <span className={id === 'hf' ? 'default-badge on' : 'default-badge'}>
                {started && id === 'hf' ? 'On' : info.byDefault}
              </span>
            </div>
            <p>
              <span className="source-term">Fetched:</span> {info.fetched}
            </p>
            <p>
              <span className="source-term">Never sent:</span> {info.neverSent}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
