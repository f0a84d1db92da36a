/**
 * HCL syntax trees: plain objects (bodies, blocks, attributes, expressions) that
 * carry 1-based ranges, read by `./parser`. The Terraform model and its
 * evaluator work on these.
 *
 * Every position is 1-based (line and column), columns count UTF-16 code units
 * of the line, and `endLine`/`endColumn` point just past the last character.
 */

export interface Range {
  /** Path of the file, as given to the loader (absolute). */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ParseError {
  file: string;
  message: string;
  range: Range;
}

export type Expr =
  | { t: 'literal'; value: string | number | boolean | null; range: Range }
  | { t: 'template'; parts: TemplatePart[]; range: Range }
  | { t: 'tuple'; items: Expr[]; range: Range }
  | { t: 'object'; entries: ObjectItem[]; range: Range }
  | { t: 'variable'; name: string; range: Range }
  | { t: 'traversal'; target: Expr; steps: Step[]; range: Range }
  | { t: 'call'; name: string; args: Expr[]; expandFinal: boolean; range: Range }
  | { t: 'for'; keyVar?: string; valueVar: string; collection: Expr; key?: Expr; value: Expr; cond?: Expr; grouped: boolean; range: Range }
  | { t: 'unary'; op: string; operand: Expr; range: Range }
  | { t: 'binary'; op: string; left: Expr; right: Expr; range: Range }
  | { t: 'conditional'; cond: Expr; then: Expr; else: Expr; range: Range }
  | { t: 'paren'; inner: Expr; range: Range }
  | { t: 'invalid'; range: Range };

export interface ObjectItem {
  /** A bare identifier key is already a string literal here, as HCL reads it. */
  key: Expr;
  value: Expr;
}

export type Step =
  { t: 'attr'; name: string; range: Range } | { t: 'index'; key: Expr; range: Range } | { t: 'splat'; steps: Step[]; range: Range };

export type TemplatePart =
  | { t: 'text'; text: string }
  | { t: 'interp'; expr: Expr }
  | { t: 'if'; cond: Expr; then: TemplatePart[]; else: TemplatePart[] }
  | { t: 'for'; keyVar?: string; valueVar: string; collection: Expr; body: TemplatePart[] };

export interface AttributeSyntax {
  name: string;
  range: Range;
  nameRange: Range;
  expr: Expr;
  exprText: string;
  exprRange: Range;
}

export interface BlockSyntax {
  type: string;
  labels: string[];
  labelRanges: Range[];
  body: BodySyntax;
  range: Range;
  headerRange: Range;
}

export interface BodySyntax {
  attributes: AttributeSyntax[];
  blocks: BlockSyntax[];
}

export interface CommentSyntax {
  /** Text without the `#`, `//` or `/* *\/` markers, trimmed. */
  text: string;
  range: Range;
  /** Nothing but whitespace precedes it on its line. */
  ownLine: boolean;
}

export interface FileSyntax {
  path: string;
  body: BodySyntax;
  comments: CommentSyntax[];
  errors: ParseError[];
}

//
