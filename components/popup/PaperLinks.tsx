import type { Paper } from '@/lib/catalog/schema';
import { safeHref } from '@/lib/catalog/web-link';
import { absUrl, codeLabel } from '@/lib/content/format';

/**
 * Where to read the paper and its code; every link opens a new tab. A link that is not http(s)
 * (from a catalog loaded before links were checked) is left out.
 */
export function PaperLinks({ paper }: { paper: Paper }) {
  const abs = absUrl(paper);
  const links: [string, string | undefined][] = [
    ['arXiv', safeHref(abs)],
    ['PDF', safeHref(paper.links.pdf)],
    ['Hugging Face', safeHref(paper.links.hf)],
  ];
  const code = paper.code.filter((link) => safeHref(link.url));
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
      {code.length > 0 && (
        <section className="code" aria-labelledby="code-heading">
          <h3 id="code-heading">Code</h3>
          <ul className="plain-list code-list">
            {code.map((link) => (
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
