import type { Paper } from '@/lib/catalog/schema';
import { absUrl, codeLabel } from '@/lib/content/format';

/** Where to read the paper and its code; every link opens a new tab. */
export function PaperLinks({ paper }: { paper: Paper }) {
  const abs = absUrl(paper);
  const links: [string, string | undefined][] = [
    ['arXiv', abs],
    ['PDF', paper.links.pdf],
    ['Hugging Face', paper.links.hf],
  ];
  return (
    <>
      <div className="link-row">
        {links.map(([label, href]) =>
          href ? (
            <a
              key={label}
              className="pill-link"
              href={href}
              target="_blank"
              rel="noopener noreferrer"
            >
              {label}
            </a>
          ) : null,
        )}
      </div>
      {paper.code.length > 0 && (
        <section className="code" aria-labelledby="code-heading">
          <h3 id="code-heading">Code</h3>
          <ul className="plain-list code-list">
            {paper.code.map((link) => (
              <li key={link.url}>
                <a href={link.url} target="_blank" rel="noopener noreferrer">
                  {codeLabel(link)}
                </a>
                {link.official && <span className="badge badge-code">official</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
