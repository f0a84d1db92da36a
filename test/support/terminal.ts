/**
 * Make `process.stdout` look like a terminal, without colours (`NO_COLOR`), for
 * in-process runs of a command; the returned function puts both back.
 */
export function pretendTerminal(): () => void {
  const isTTY = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
  const noColor = process.env['NO_COLOR'];
  Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
  process.env['NO_COLOR'] = '1';
  return () => {
    if (isTTY) Object.defineProperty(process.stdout, 'isTTY', isTTY);
    else delete (process.stdout as { isTTY?: boolean }).isTTY;
    if (noColor === undefined) delete process.env['NO_COLOR'];
    else process.env['NO_COLOR'] = noColor;
  };
}
