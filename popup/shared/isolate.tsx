import { Fragment, type VNode } from 'preact';

/**
 * A translated sentence with the user-provided parts in it (a name, a class) isolated in `<bdi>`:
 * a right-to-left override inside a name cannot reorder the words around it (issue 22 item 10).
 * The sentence is built by `t()` first, so elision and French spacing see the real values.
 */
export function Isolate({ text, values }: { text: string; values: string[] }) {
  let parts: Array<string | VNode> = [text];
  for (const v of values) {
    if (!v) continue;
    parts = parts.flatMap((p): Array<string | VNode> => {
      if (typeof p !== 'string') return [p];
      const i = p.indexOf(v);
      return i < 0 ? [p] : [p.slice(0, i), <bdi>{v}</bdi>, p.slice(i + v.length)];
    });
  }
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>{p}</Fragment>
      ))}
    </>
  );
}
