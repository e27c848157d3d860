import { Fragment, type ReactNode } from 'react';

/** Escapes a word for use inside a RegExp. */
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of a search box, as the server splits them (any whitespace, full-width too). */
export function searchWords(q: string | null | undefined): string[] {
  return (q ?? '')
    .split(/[\s\u3000]+/)
    .map((w) => w.trim())
    .filter(Boolean);
}

/** Text with the searched words marked (case-insensitive, as the search matches them). */
export function Highlight({ text, words }: { text: string; words: readonly string[] }) {
  if (!words.length) return <>{text}</>;
  const re = new RegExp(`(${words.map(escapeRe).join('|')})`, 'gi');
  const lower = words.map((w) => w.toLowerCase());
  return (
    <>
      {text.split(re).map((part, i) =>
        lower.includes(part.toLowerCase()) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string, in order, never reordered
          <mark className="gd-hit" key={i}>
            {part}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/** **bold** inside a line, and the searched words. */
function inline(text: string, words: readonly string[]): ReactNode {
  return text.split(/(\*\*[^*]+\*\*)/g).map((part, i) =>
    part.startsWith('**') && part.endsWith('**') && part.length > 4 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one line, in order
      <strong key={i}>
        <Highlight text={part.slice(2, -2)} words={words} />
      </strong>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: as above
      <Fragment key={i}>
        <Highlight text={part} words={words} />
      </Fragment>
    ),
  );
}

/**
 * A policy body or an answer: plain paragraphs or light markdown (# headings, - or 1. lists, **bold**).
 * Built as React elements, never as HTML, so nothing typed into the library can run in a reader's browser.
 */
export function RichText({ text, words = [] }: { text: string; words?: readonly string[] }) {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return (
    <>
      {blocks.map((block, i) => {
        const lines = block.split('\n').map((l) => l.trim());
        const heading = /^(#{1,3})\s+(.*)$/.exec(lines[0] ?? '');
        if (heading && lines.length === 1) {
          const H = (heading[1] ?? '').length === 1 ? 'h3' : 'h4';
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks of one text, in order
          return <H key={i}>{inline(heading[2] ?? '', words)}</H>;
        }
        if (lines.every((l) => /^[-*]\s+/.test(l))) {
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <ul key={i}>
              {lines.map((l, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: items of one list, in order
                <li key={j}>{inline(l.replace(/^[-*]\s+/, ''), words)}</li>
              ))}
            </ul>
          );
        }
        if (lines.every((l) => /^\d+[.、)]\s*/.test(l))) {
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <ol key={i}>
              {lines.map((l, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: as above
                <li key={j}>{inline(l.replace(/^\d+[.、)]\s*/, ''), words)}</li>
              ))}
            </ol>
          );
        }
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <p key={i}>
            {lines.map((l, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              <Fragment key={j}>
                {j > 0 ? <br /> : null}
                {inline(l, words)}
              </Fragment>
            ))}
          </p>
        );
      })}
    </>
  );
}
