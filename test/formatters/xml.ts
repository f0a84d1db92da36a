/**
 * A strict well-formedness check for the XML the formatters write (no DTDs, no
 * CDATA, no namespaces needed), returning the element tree so tests can read
 * attribute values back after unescaping.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = '[A-Za-z_][\\w.-]*';
const ATTRIBUTE = new RegExp(`\\s+(${NAME})="([^"<]*)"`, 'y');
const ENTITY = /&(amp|lt|gt|quot|apos);/g;

function unescape(text: string, where: string): string {
  if (/&(?!(amp|lt|gt|quot|apos);)/.test(text)) throw new Error(`bad entity in ${where}: ${text}`);
  return text.replace(ENTITY, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name] ?? '');
}

export function parseXml(xml: string): XmlElement {
  let position = 0;
  const prolog = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (!prolog) throw new Error('missing XML declaration');
  position = prolog[0].length;
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  while (position < xml.length) {
    const top = stack[stack.length - 1]!;
    const next = xml.indexOf('<', position);
    const text = xml.slice(position, next === -1 ? xml.length : next);
    if (text.includes('>')) throw new Error(`raw ">" in text: ${text}`);
    top.text += unescape(text, top.name);
    if (next === -1) break;
    position = next;
    if (xml.startsWith('</', position)) {
      const close = new RegExp(`</(${NAME})>`, 'y');
      close.lastIndex = position;
      const match = close.exec(xml);
      if (!match || match[1] !== top.name) throw new Error(`mismatched closing tag at ${position}`);
      stack.pop();
      position = close.lastIndex;
      continue;
    }
    const open = new RegExp(`<(${NAME})`, 'y');
    open.lastIndex = position;
    const match = open.exec(xml);
    if (!match) throw new Error(`bad tag at ${position}`);
    position = open.lastIndex;
    const element: XmlElement = { name: match[1]!, attributes: {}, children: [], text: '' };
    for (;;) {
      ATTRIBUTE.lastIndex = position;
      const attribute = ATTRIBUTE.exec(xml);
      if (!attribute) break;
      if (attribute[1]! in element.attributes) throw new Error(`duplicate attribute ${attribute[1]}`);
      element.attributes[attribute[1]!] = unescape(attribute[2]!, `${element.name}@${attribute[1]}`);
      position = ATTRIBUTE.lastIndex;
    }
    top.children.push(element);
    if (xml.startsWith('/>', position)) position += 2;
    else if (xml.startsWith('>', position)) {
      position += 1;
      stack.push(element);
    } else throw new Error(`unterminated tag <${element.name}> at ${position}`);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1 || root.text.trim() !== '') throw new Error('a document has exactly one root element');
  return root.children[0]!;
}
