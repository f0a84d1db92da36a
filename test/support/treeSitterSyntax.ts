/**
 * The tree-sitter path the linter used before it had its own HCL parser, kept as
 * an oracle for the parser's differential tests: tree-sitter's concrete tree is
 * copied out of WASM memory and turned into the linter's syntax objects.
 */
import type { Tree } from 'web-tree-sitter';
import type { ParseError, Range } from '../../src/hcl/syntax';
import type {
  BlockSyntax,
  BodySyntax,
  AttributeSyntax,
  CommentSyntax,
  Expr,
  FileSyntax,
  ObjectItem,
  Step,
  TemplatePart,
} from '../../src/hcl/syntax';
import { parseHcl } from './treesitter';

// ---------------------------------------------------------------------------
// Copying the tree-sitter tree

interface SNode {
  type: string;
  missing: boolean;
  startRow: number;
  startCol: number;
  endRow: number;
  endCol: number;
  start: number;
  end: number;
  children: SNode[];
}

/** Offsets where each line of `text` starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** 0-based line of an offset (binary search over line starts). */
function rowOf(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Copy the tree into plain objects. Every cursor property read crosses into WASM,
 * so only type id and offsets are read; rows and columns come from the text.
 */
function copyTree(tree: Tree, text: string): SNode {
  const cursor = tree.walk();
  const typeNames = new Map<number, string>();
  const starts = lineStarts(text);
  const read = (): SNode => {
    const typeId = cursor.nodeTypeId;
    let type = typeNames.get(typeId);
    if (type === undefined) {
      type = cursor.nodeType;
      typeNames.set(typeId, type);
    }
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const startRow = rowOf(starts, start);
    const endRow = end === start ? startRow : rowOf(starts, end);
    return {
      type,
      // Only a zero-width node can be one tree-sitter inserted.
      missing: start === end && cursor.nodeIsMissing,
      startRow,
      startCol: start - starts[startRow]!,
      endRow,
      endCol: end - starts[endRow]!,
      start,
      end,
      children: [],
    };
  };
  const root = read();
  const stack: SNode[] = [root];
  // Iterative pre-order walk: deep expressions must not overflow the JS stack.
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const node = read();
      stack[stack.length - 1]!.children.push(node);
      if (cursor.gotoFirstChild()) {
        stack.push(node);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || stack.length === 1) {
          cursor.delete();
          return root;
        }
        stack.pop();
      }
    }
  }
  cursor.delete();
  return root;
}

// ---------------------------------------------------------------------------
// Building syntax from the copy

const BINARY_OPERATORS = new Set(['*', '/', '%', '+', '-', '>', '>=', '<', '<=', '==', '!=', '&&', '||']);

class FileReader {
  readonly errors: ParseError[] = [];
  readonly comments: CommentSyntax[] = [];

  constructor(
    private readonly path: string,
    private readonly text: string,
  ) {}

  range(node: SNode): Range {
    return { file: this.path, line: node.startRow + 1, column: node.startCol + 1, endLine: node.endRow + 1, endColumn: node.endCol + 1 };
  }

  span(from: SNode, to: SNode): Range {
    return { file: this.path, line: from.startRow + 1, column: from.startCol + 1, endLine: to.endRow + 1, endColumn: to.endCol + 1 };
  }

  source(node: SNode): string {
    return this.text.slice(node.start, node.end);
  }

  // -- errors and comments ------------------------------------------------

  collectExtras(node: SNode): void {
    if (node.type === 'comment') {
      this.comments.push(this.comment(node));
      return;
    }
    const before = this.errors.length;
    if (node.missing) {
      this.errors.push({ file: this.path, message: missingMessage(node.type), range: this.range(node) });
    } else if (isQuotedString(node)) {
      this.checkSingleLine(node);
    } else if (node.type === 'ERROR') {
      this.checkDanglingQuote(node);
    }
    for (const child of node.children) this.collectExtras(child);
    // A region tree-sitter skipped is reported only when nothing more precise was found inside it.
    if (node.type === 'ERROR' && this.errors.length === before) {
      this.errors.push({ file: this.path, message: this.errorMessage(node), range: this.range(node) });
    }
  }

  private errorMessage(node: SNode): string {
    const firstLine = this.source(node).trim().split('\n')[0] ?? '';
    const shown = firstLine.length > 40 ? `${firstLine.slice(0, 40)}...` : firstLine;
    return shown ? `unexpected "${shown}"` : 'syntax error';
  }

  /** HCL quoted strings end on the line they start; tree-sitter's scanner lets them run on. */
  private checkSingleLine(node: SNode): void {
    const literalNewline = node.children.some((child) => child.type === 'template_literal' && this.source(child).includes('\n'));
    if (literalNewline) {
      const at = this.range(node);
      this.errors.push({
        file: this.path,
        message: 'unterminated string: a quoted string must end on the line it starts',
        range: { ...at, endLine: at.line, endColumn: at.column + 1 },
      });
    }
  }

  /** An opening quote left alone at the end of its line inside an error region: a string never closed. */
  private checkDanglingQuote(node: SNode): void {
    node.children.forEach((child, index) => {
      if (child.type !== 'quoted_template_start') return;
      const next = node.children[index + 1];
      if (next && next.startRow === child.startRow) return;
      this.errors.push({
        file: this.path,
        message: 'unterminated string: a quoted string must end on the line it starts',
        range: this.range(child),
      });
    });
  }

  private comment(node: SNode): CommentSyntax {
    const raw = this.source(node);
    const text = raw.startsWith('/*') ? raw.slice(2, -2) : raw.replace(/^(#|\/\/)/, '');
    const lineStart = this.text.lastIndexOf('\n', node.start - 1) + 1;
    return { text: text.trim(), range: this.range(node), ownLine: this.text.slice(lineStart, node.start).trim() === '' };
  }

  // -- bodies ---------------------------------------------------------------

  body(nodes: SNode[]): BodySyntax {
    const body: BodySyntax = { attributes: [], blocks: [] };
    for (const node of nodes) this.bodyItem(node, body);
    return body;
  }

  private bodyItem(node: SNode, body: BodySyntax): void {
    if (node.type === 'attribute') body.attributes.push(this.attribute(node));
    else if (node.type === 'block') body.blocks.push(this.block(node));
    // What tree-sitter recovered inside an error region is still modelled.
    else if (node.type === 'body' || node.type === 'ERROR') for (const child of node.children) this.bodyItem(child, body);
  }

  private attribute(node: SNode): AttributeSyntax {
    const name = node.children[0]!;
    const exprNode = node.children.find((child) => child.type === 'expression');
    const expr = exprNode ? this.expression(exprNode) : { t: 'invalid' as const, range: this.range(node) };
    return {
      name: this.source(name),
      range: this.range(node),
      nameRange: this.range(name),
      expr,
      exprText: exprNode ? this.source(exprNode) : '',
      exprRange: expr.range,
    };
  }

  private block(node: SNode): BlockSyntax {
    const typeNode = node.children[0]!;
    const labels: string[] = [];
    const labelRanges: Range[] = [];
    let headerEnd = typeNode;
    let bodyNodes: SNode[] = [];
    for (const child of node.children.slice(1)) {
      if (child.type === 'string_lit' || child.type === 'identifier') {
        labels.push(child.type === 'identifier' ? this.source(child) : this.stringLiteral(child));
        labelRanges.push(this.range(child));
        headerEnd = child;
      } else if (child.type === 'body') {
        bodyNodes = child.children;
      } else if (child.type === 'ERROR') {
        bodyNodes = [...bodyNodes, child];
      }
    }
    return {
      type: this.source(typeNode),
      labels,
      labelRanges,
      body: this.body(bodyNodes),
      range: this.range(node),
      headerRange: this.span(typeNode, headerEnd),
    };
  }

  private stringLiteral(node: SNode): string {
    const parts = this.templateParts(node, false);
    return parts.map((part) => (part.t === 'text' ? part.text : '')).join('');
  }

  // -- expressions ------------------------------------------------------------

  expression(node: SNode): Expr {
    const named = node.children.filter((child) => child.type !== 'comment');
    if (named.length === 1 && named[0]!.type === 'conditional') return this.conditional(named[0]!);
    return this.term(named, node);
  }

  private conditional(node: SNode): Expr {
    const parts = node.children.filter((child) => child.type === 'expression').map((child) => this.expression(child));
    const [cond, then, otherwise] = parts;
    if (!cond || !then || !otherwise) return { t: 'invalid', range: this.range(node) };
    return { t: 'conditional', cond, then, else: otherwise, range: this.range(node) };
  }

  /** A term and its trailing `.attr`, `[index]` and splats, as tree-sitter flattens them. */
  private term(nodes: SNode[], whole: SNode): Expr {
    const first = nodes[0];
    if (!first) return { t: 'invalid', range: this.range(whole) };
    let rest = nodes.slice(1);
    let expr: Expr;
    if (first.type === '(') {
      const close = nodes.findIndex((node) => node.type === ')');
      const inner = nodes.find((node) => node.type === 'expression');
      const last = close > 0 ? nodes[close]! : first;
      expr = inner
        ? { t: 'paren', inner: this.expression(inner), range: this.span(first, last) }
        : { t: 'invalid', range: this.range(whole) };
      rest = close > 0 ? nodes.slice(close + 1) : [];
    } else {
      expr = this.primary(first);
    }
    const steps: Step[] = [];
    let lastNode = first;
    for (const node of rest) {
      const step = this.step(node);
      if (!step) return { t: 'invalid', range: this.range(whole) };
      steps.push(step);
      lastNode = node;
    }
    if (steps.length === 0) return expr;
    if (expr.t === 'traversal')
      return { t: 'traversal', target: expr.target, steps: [...expr.steps, ...steps], range: this.span(first, lastNode) };
    return { t: 'traversal', target: expr, steps, range: this.span(first, lastNode) };
  }

  private step(node: SNode): Step | undefined {
    const range = this.range(node);
    if (node.type === 'get_attr') {
      const name = node.children.find((child) => child.type === 'identifier');
      return name ? { t: 'attr', name: this.source(name), range } : undefined;
    }
    if (node.type === 'index') {
      const inner = node.children[0];
      if (inner?.type === 'new_index') {
        const key = inner.children.find((child) => child.type === 'expression');
        return key ? { t: 'index', key: this.expression(key), range } : undefined;
      }
      if (inner?.type === 'legacy_index') {
        const digits = this.source(inner).slice(1);
        return { t: 'index', key: { t: 'literal', value: Number(digits), range }, range };
      }
      return undefined;
    }
    if (node.type === 'splat') {
      const inner = node.children[0];
      const steps: Step[] = [];
      for (const child of inner?.children ?? []) {
        if (child.type === 'get_attr' || child.type === 'index') {
          const step = this.step(child);
          if (step) steps.push(step);
        }
      }
      return { t: 'splat', steps, range };
    }
    return undefined;
  }

  private primary(node: SNode): Expr {
    const range = this.range(node);
    switch (node.type) {
      case 'literal_value':
        return this.literal(node.children[0], range);
      case 'template_expr':
        return this.template(node.children[0], range);
      case 'collection_value': {
        const inner = node.children[0];
        if (inner?.type === 'tuple')
          return { t: 'tuple', items: inner.children.filter(isExpression).map((child) => this.expression(child)), range };
        if (inner?.type === 'object') return { t: 'object', entries: this.objectItems(inner), range };
        return { t: 'invalid', range };
      }
      case 'variable_expr':
        return { t: 'variable', name: this.source(node), range };
      case 'function_call':
        return this.call(node, range);
      case 'for_expr':
        return this.forExpr(node.children[0], range);
      case 'operation':
        return this.operation(node.children[0], range);
      default:
        return { t: 'invalid', range };
    }
  }

  private literal(node: SNode | undefined, range: Range): Expr {
    if (!node) return { t: 'invalid', range };
    if (node.type === 'numeric_lit') return { t: 'literal', value: Number(this.source(node)), range };
    if (node.type === 'bool_lit') return { t: 'literal', value: this.source(node) === 'true', range };
    if (node.type === 'null_lit') return { t: 'literal', value: null, range };
    if (node.type === 'string_lit') return { t: 'literal', value: this.stringLiteral(node), range };
    return { t: 'invalid', range };
  }

  private template(node: SNode | undefined, range: Range): Expr {
    if (!node) return { t: 'invalid', range };
    const parts = this.templateParts(node, node.type === 'heredoc_template');
    const onlyText = parts.every((part) => part.t === 'text');
    if (onlyText) return { t: 'literal', value: parts.map((part) => (part.t === 'text' ? part.text : '')).join(''), range };
    return { t: 'template', parts, range };
  }

  private objectItems(node: SNode): ObjectItem[] {
    const items: ObjectItem[] = [];
    for (const elem of node.children) {
      if (elem.type !== 'object_elem') continue;
      const [keyNode, valueNode] = elem.children.filter(isExpression);
      if (!keyNode || !valueNode) continue;
      items.push({ key: this.objectKey(keyNode), value: this.expression(valueNode) });
    }
    return items;
  }

  private objectKey(node: SNode): Expr {
    const expr = this.expression(node);
    // `{ app = 1 }`: a bare name is the key itself, not a variable.
    return expr.t === 'variable' ? { t: 'literal', value: expr.name, range: expr.range } : expr;
  }

  private call(node: SNode, range: Range): Expr {
    const name = node.children[0]!;
    const args = node.children.find((child) => child.type === 'function_arguments');
    return {
      t: 'call',
      name: this.source(name),
      args: (args?.children ?? []).filter(isExpression).map((child) => this.expression(child)),
      expandFinal: (args?.children ?? []).some((child) => child.type === 'ellipsis'),
      range,
    };
  }

  private forExpr(node: SNode | undefined, range: Range): Expr {
    if (!node) return { t: 'invalid', range };
    const intro = node.children.find((child) => child.type === 'for_intro');
    const names = (intro?.children ?? []).filter((child) => child.type === 'identifier').map((child) => this.source(child));
    const collectionNode = intro?.children.find(isExpression);
    const bodies = node.children.filter(isExpression).map((child) => this.expression(child));
    const condNode = node.children.find((child) => child.type === 'for_cond')?.children.find(isExpression);
    if (!collectionNode || names.length === 0) return { t: 'invalid', range };
    const valueVar = names[names.length - 1]!;
    const keyVar = names.length > 1 ? names[0] : undefined;
    const collection = this.expression(collectionNode);
    const cond = condNode ? this.expression(condNode) : undefined;
    if (node.type === 'for_object_expr') {
      const [key, value] = bodies;
      if (!key || !value) return { t: 'invalid', range };
      return {
        t: 'for',
        keyVar,
        valueVar,
        collection,
        key,
        value,
        cond,
        grouped: node.children.some((child) => child.type === 'ellipsis'),
        range,
      };
    }
    const [value] = bodies;
    if (!value) return { t: 'invalid', range };
    return { t: 'for', keyVar, valueVar, collection, value, cond, grouped: false, range };
  }

  private operation(node: SNode | undefined, range: Range): Expr {
    if (!node) return { t: 'invalid', range };
    const children = node.children.filter((child) => child.type !== 'comment');
    if (node.type === 'unary_operation') {
      const [op, ...operand] = children;
      return { t: 'unary', op: op?.type ?? '', operand: this.term(operand, node), range };
    }
    const at = children.findIndex((child) => BINARY_OPERATORS.has(child.type));
    if (at <= 0) return { t: 'invalid', range };
    return {
      t: 'binary',
      op: children[at]!.type,
      left: this.term(children.slice(0, at), node),
      right: this.term(children.slice(at + 1), node),
      range,
    };
  }

  // -- templates --------------------------------------------------------------

  /**
   * The parts of a quoted string or heredoc. Literal text is read from the source
   * between interpolations and directives, because tree-sitter leaves the
   * whitespace of templates out of its literal nodes.
   */
  private templateParts(node: SNode, heredoc: boolean): TemplatePart[] {
    const region = heredoc ? this.heredocRegion(node) : this.quotedRegion(node);
    if (!region) return [];
    const flush = heredoc && node.children.some((child) => child.type === 'heredoc_start' && this.source(child) === '<<-');
    const text = new TemplateText(
      this.text,
      heredoc,
      flush ? this.flushIndent(region.start, region.end, region.children) : 0,
      region.start,
    );
    return this.templateSequence(region.children, region.start, region.end, text, false, false);
  }

  private quotedRegion(node: SNode): { start: number; end: number; children: SNode[] } | undefined {
    const open = node.children.find((child) => child.type === 'quoted_template_start');
    const close = node.children.find((child) => child.type === 'quoted_template_end');
    if (!open) return undefined;
    return { start: open.end, end: close && !close.missing ? close.start : node.end, children: node.children };
  }

  private heredocRegion(node: SNode): { start: number; end: number; children: SNode[] } | undefined {
    const markers = node.children.filter((child) => child.type === 'heredoc_identifier');
    const open = markers[0];
    if (!open) return undefined;
    const start = this.text.indexOf('\n', open.end) + 1;
    const close = markers[1];
    const end = close ? this.text.lastIndexOf('\n', close.start - 1) + 1 : node.end;
    return { start: start === 0 ? open.end : start, end: Math.max(start, end), children: node.children };
  }

  /** `<<-` removes the smallest indentation of its non-blank lines (interpolations count as text). */
  private flushIndent(start: number, end: number, children: SNode[]): number {
    let masked = this.text.slice(start, end);
    for (const child of children) {
      if (child.type !== 'template_interpolation' && child.type !== 'template_directive') continue;
      const from = child.start - start;
      const to = child.end - start;
      masked = masked.slice(0, from) + 'x'.repeat(Math.max(0, to - from)) + masked.slice(to);
    }
    let min = Infinity;
    for (const line of masked.split('\n')) {
      if (line.trim() === '') continue;
      min = Math.min(min, line.length - line.trimStart().length);
    }
    return Number.isFinite(min) ? min : 0;
  }

  private templateSequence(
    children: SNode[],
    start: number,
    end: number,
    text: TemplateText,
    trimFirst: boolean,
    trimLast: boolean,
  ): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let cursor = start;
    let trimNext = trimFirst;
    const pushText = (to: number, trimEnd: boolean): void => {
      let literal = text.slice(cursor, to);
      if (trimNext) literal = literal.trimStart();
      if (trimEnd) literal = literal.trimEnd();
      if (literal) parts.push({ t: 'text', text: literal });
    };
    for (const child of children) {
      if (child.start < start || child.end > end) continue;
      if (child.type === 'template_interpolation') {
        const strip = stripMarkers(child);
        pushText(child.start, strip.left);
        const inner = child.children.find(isExpression);
        parts.push({ t: 'interp', expr: inner ? this.expression(inner) : { t: 'invalid', range: this.range(child) } });
        cursor = child.end;
        trimNext = strip.right;
      } else if (child.type === 'template_directive') {
        const directive = child.children[0];
        if (!directive) continue;
        const first = directive.children[0];
        const last = directive.children[directive.children.length - 1];
        pushText(child.start, first ? stripMarkers(first).left : false);
        const part = this.directive(directive, text);
        if (part) parts.push(part);
        cursor = child.end;
        trimNext = last ? stripMarkers(last).right : false;
      }
    }
    pushText(end, trimLast);
    return parts;
  }

  private directive(node: SNode, text: TemplateText): TemplatePart | undefined {
    const tags = node.children.filter((child) => /^template_(if_intro|else_intro|if_end|for_start|for_end)$/.test(child.type));
    const inner = (from: SNode, to: SNode | undefined): TemplatePart[] =>
      to ? this.templateSequence(node.children, from.end, to.start, text, stripMarkers(from).right, stripMarkers(to).left) : [];
    if (node.type === 'template_if') {
      const [intro, second, third] = tags;
      const cond = intro?.children.find(isExpression);
      if (!intro || !cond) return undefined;
      const hasElse = second?.type === 'template_else_intro';
      return {
        t: 'if',
        cond: this.expression(cond),
        then: inner(intro, second),
        else: hasElse ? inner(second, third) : [],
      };
    }
    if (node.type === 'template_for') {
      const [intro, close] = tags;
      const collection = intro?.children.find(isExpression);
      const names = (intro?.children ?? []).filter((child) => child.type === 'identifier').map((child) => this.source(child));
      if (!intro || !collection || names.length === 0) return undefined;
      return {
        t: 'for',
        keyVar: names.length > 1 ? names[0] : undefined,
        valueVar: names[names.length - 1]!,
        collection: this.expression(collection),
        body: inner(intro, close),
      };
    }
    return undefined;
  }
}

/** Literal template text: escapes decoded, `<<-` indentation removed. */
class TemplateText {
  constructor(
    private readonly source: string,
    private readonly heredoc: boolean,
    private readonly indent: number,
    private readonly regionStart: number,
  ) {}

  slice(from: number, to: number): string {
    const raw = this.indent > 0 ? this.unindent(from, to) : this.source.slice(from, to);
    return this.heredoc ? raw.replace(/([$%])\1\{/g, '$1{') : unescapeQuoted(raw);
  }

  private unindent(from: number, to: number): string {
    let out = '';
    let at = from;
    while (at < to) {
      const atLineStart = at === this.regionStart || this.source[at - 1] === '\n';
      if (atLineStart) {
        const lineEnd = this.source.indexOf('\n', at);
        const line = this.source.slice(at, lineEnd < 0 ? undefined : lineEnd);
        // Blank lines are kept as written, as HCL does.
        if (line.trim() !== '') at += Math.min(this.indent, to - at);
      }
      const next = this.source.indexOf('\n', at);
      const stop = next < 0 || next >= to ? to : next + 1;
      out += this.source.slice(at, stop);
      at = stop;
    }
    return out;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function unescapeQuoted(raw: string): string {
  return raw.replace(
    /\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[nrt"\\])|([$%])\2\{/g,
    (whole, escape: string | undefined, sigil: string | undefined) => {
      if (sigil) return `${sigil}{`;
      if (!escape) return whole;
      if (escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
      return SIMPLE_ESCAPES[escape] ?? whole;
    },
  );
}

/** `~` after an opening `${`/`%{` trims the text before; `~` before the closing `}` trims the text after. */
function stripMarkers(node: SNode): { left: boolean; right: boolean } {
  const last = node.children.length - 2;
  return {
    left: node.children[1]?.type === 'strip_marker',
    right: last > 1 && node.children[last]?.type === 'strip_marker',
  };
}

/** Tree-sitter inserts heredoc and string tokens where an expression is missing; say so. */
function missingMessage(type: string): string {
  if (type === '}' || type === ']' || type === ')' || type === '{' || type === '=') return `missing "${type}"`;
  if (type === 'heredoc_identifier') return 'unterminated heredoc: its closing marker is missing';
  return 'expected an expression';
}

function isExpression(node: SNode): boolean {
  return node.type === 'expression';
}

function isQuotedString(node: SNode): boolean {
  return node.type === 'string_lit' || node.type === 'quoted_template';
}

// ---------------------------------------------------------------------------

async function parseText(path: string, text: string): Promise<FileSyntax> {
  const tree = await parseHcl(text);
  let root: SNode;
  try {
    root = copyTree(tree, text);
  } finally {
    tree.delete();
  }
  const reader = new FileReader(path, text);
  reader.collectExtras(root);
  const top = root.children.filter(
    (child) => child.type === 'body' || child.type === 'ERROR' || child.type === 'block' || child.type === 'attribute',
  );
  return { path, body: reader.body(top), comments: reader.comments, errors: firstError(reader.errors) };
}

/** The first error of a region: what follows it is mostly tree-sitter's recovery echoing it. */
function firstError(errors: ParseError[]): ParseError[] {
  const sorted = [...errors].sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column);
  return sorted.slice(0, 1);
}

const BLOCK_HEADER = /^[A-Za-z_][\w-]*(\s+("[^"\n]*"|[A-Za-z_][\w-]*))*\s*\{/;
const HEREDOC_START = /<<-?([A-Za-z_][\w-]*)\s*$/;

/** Line numbers (0-based) where a top-level block starts: a block header at column 0, outside heredocs. */
function topLevelStarts(lines: string[]): number[] {
  const starts: number[] = [];
  let heredocEnd: string | undefined;
  lines.forEach((line, index) => {
    if (heredocEnd !== undefined) {
      if (line.trim() === heredocEnd) heredocEnd = undefined;
      return;
    }
    if (BLOCK_HEADER.test(line)) starts.push(index);
    heredocEnd = HEREDOC_START.exec(line)?.[1];
  });
  return starts;
}

/**
 * Parse a file with errors block by block, so one broken block cannot swallow the
 * ones after it. Each piece is padded with empty lines to keep its positions.
 */
async function parseByBlock(path: string, text: string, whole: FileSyntax): Promise<FileSyntax> {
  const lines = text.split('\n');
  const starts = topLevelStarts(lines);
  if (starts.length <= 1) return whole;
  const bounds = starts.map((start, index) => [index === 0 ? 0 : start, starts[index + 1] ?? lines.length] as const);
  const pieces = await Promise.all(bounds.map(([from, to]) => parseText(path, '\n'.repeat(from) + lines.slice(from, to).join('\n'))));
  return {
    path,
    body: { attributes: pieces.flatMap((piece) => piece.body.attributes), blocks: pieces.flatMap((piece) => piece.body.blocks) },
    comments: pieces.flatMap((piece) => piece.comments),
    errors: pieces.flatMap((piece) => piece.errors),
  };
}

/** Parse one file. Never throws on bad HCL: errors are returned with their range (the first one of each broken top-level block). */
export async function parseFileWithTreeSitter(path: string, text: string): Promise<FileSyntax> {
  // CRLF → LF keeps every line and column as it is while making templates see plain newlines.
  const normalized = text.replace(/\r\n/g, '\n');
  const whole = await parseText(path, normalized);
  return whole.errors.length === 0 ? whole : parseByBlock(path, normalized, whole);
}
