/** Types of trees.js, for the tests. */
export interface Shape {
  name: string;
  origin: string;
  files: Array<{ path: string; text: string }>;
}
export interface TreeOptions {
  files?: number;
  modules?: number;
  seed?: number;
  richEvery?: number;
  shapes?: Shape[];
}
export function loadShapes(root?: string): Shape[];
export function writeTree(dir: string, options: TreeOptions): { files: number; bytes: number; modules: number };
export function variedModule(shape: Shape, index: number, rich?: boolean): { name: string; files: Array<{ path: string; text: string }> };
