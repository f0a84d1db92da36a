// Parses Mermaid diagrams with the mermaid package itself, in Node: mermaid
// sanitises labels with DOMPurify, which needs a DOM, so jsdom provides one.
// Reads a JSON array of diagram sources on stdin; writes a JSON array with
// null for each diagram that parses and the parser's message for each that does not.
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('');
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import('mermaid');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const diagram of JSON.parse(input)) {
  try {
    await mermaid.parse(diagram);
    results.push(null);
  } catch (error) {
    results.push(String(error instanceof Error ? error.message : error));
  }
}
process.stdout.write(JSON.stringify(results));
