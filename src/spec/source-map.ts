// Maps a path inside the parsed YAML document (['steps', 'encode', 'map']) back
// to file:line:col, so every diagnostic points at the user's own text.
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { SourcePosition } from '../diagnostics/diagnostic.ts';

export type DocumentPath = ReadonlyArray<string | number>;

export class SourceMap {
  constructor(
    readonly file: string,
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  positionOfOffset(offset: number): SourcePosition {
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /**
   * Where the value at `path` starts; with `key: true`, where its key starts
   * (better for "unknown key" and "duplicate name"). Falls back to the
   * deepest ancestor that exists, then to the start of the file.
   */
  positionOf(path: DocumentPath, options: { key?: boolean } = {}): SourcePosition {
    let node: unknown = this.document.contents;
    let keyNode: unknown;
    let best: unknown = node;
    for (const segment of path) {
      const pair = findPair(node, segment);
      if (pair) {
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
        keyNode = undefined;
        node = node.items[segment];
      } else {
        return this.positionOfNode(best);
      }
      best = node ?? keyNode;
    }
    return this.positionOfNode(options.key && keyNode ? keyNode : (node ?? keyNode));
  }

  private positionOfNode(node: unknown): SourcePosition {
    const range = (node as Node | undefined)?.range;
    return this.positionOfOffset(range ? range[0] : 0);
  }
}

// Each mapping's pairs indexed by key, built on first use: a linear search per
// lookup made positioning every step of an n-step spec O(n²).
const pairIndex = new WeakMap<object, Map<string, Pair>>();

function findPair(node: unknown, segment: string | number): Pair | undefined {
  if (!isMap(node)) return undefined;
  let index = pairIndex.get(node);
  if (!index) {
    index = new Map();
    for (const pair of node.items) {
      // The first pair of a key wins, as in a linear search from the start.
      if (isScalar(pair.key) && !index.has(String(pair.key.value))) index.set(String(pair.key.value), pair);
    }
    pairIndex.set(node, index);
  }
  return index.get(String(segment));
}
