import type { ActiveCatalog } from '@/lib/ui/catalog-load';
import { formatCount, formatPapers } from '@/lib/ui/format';
import type { LoadState } from '@/lib/ui/use-catalog';

type Props = {
  load: LoadState;
  active: ActiveCatalog | null;
};

/** What became of the file the user chose; the failure says whether the old catalog survived. */
export function CatalogLoadMessage({ load, active }: Props) {
  if (load.phase === 'done') {
    return (
      <p className="message message-success">
        Loaded {formatCount(load.count)} {load.count === 1 ? 'paper' : 'papers'} from{' '}
        <span className="file-name">{load.fileName}</span>.
      </p>
    );
  }
  if (load.phase !== 'failed') return null;
  let consequence: string;
  if (load.unchanged && active) {
    consequence = `The current catalog is unchanged: ${formatPapers(active.count)}, version ${active.version}.`;
  } else if (load.unchanged) {
    consequence = 'No catalog was loaded before, and none is loaded now.';
  } else {
    consequence = 'The catalog shown above is the one in use now.';
  }
  return (
    <div className="message message-error" role="alert">
      <p className="message-title">
        Could not load <span className="file-name">{load.fileName}</span>
      </p>
      <p className="message-detail">{load.error}</p>
      <p>{consequence}</p>
    </div>
  );
}
