// Minimal, valid, uncompressed PDF (Helvetica, WinAnsi) listing lines of text, 50 lines per page.
// Characters outside Latin-1/WinAnsi are replaced by '?'. Text stays searchable in the raw bytes.

const WIN_EXTRA = { '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f };

function encodeLine(s) {
  const bytes = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    let b = WIN_EXTRA[ch] ?? (cp >= 0x20 && cp <= 0xff && !(cp >= 0x7f && cp < 0xa0) ? cp : 0x3f);
    if (b === 0x28 || b === 0x29 || b === 0x5c) bytes.push(0x5c); // escape ( ) \
    bytes.push(b);
  }
  return Buffer.from(bytes);
}

/** @param {string} title @param {string[]} lines @returns {Buffer} */
export function makePdf(title, lines) {
  const perPage = 50;
  const pages = [];
  for (let i = 0; i < Math.max(1, lines.length); i += perPage) pages.push(lines.slice(i, i + perPage));
  const objs = []; // index i -> object number i+1
  const add = (buf) => { objs.push(buf); return objs.length; };
  const catalog = add(null);
  const pagesObj = add(null);
  const font = add(Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'));
  const kids = [];
  for (const pageLines of pages) {
    const parts = [Buffer.from('BT /F1 14 Tf 50 800 Td ('), encodeLine(title), Buffer.from(') Tj /F1 10 Tf 0 -24 Td 14 TL\n')];
    for (const l of pageLines) parts.push(Buffer.from('('), encodeLine(l), Buffer.from(") '\n"));
    parts.push(Buffer.from('ET'));
    const stream = Buffer.concat(parts);
    const content = add(Buffer.concat([Buffer.from(`<< /Length ${stream.length} >>\nstream\n`), stream, Buffer.from('\nendstream')]));
    kids.push(add(Buffer.from(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`)));
  }
  objs[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pagesObj} 0 R >>`);
  objs[pagesObj - 1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`);
  const chunks = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0].length;
  const offsets = [];
  objs.forEach((o, i) => {
    const buf = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    offsets.push(offset);
    offset += buf.length;
    chunks.push(buf);
  });
  const xref = [`xref\n0 ${objs.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objs.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(chunks);
}
