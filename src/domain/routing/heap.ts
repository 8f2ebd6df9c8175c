// The priority queue every search uses: a binary min-heap of node numbers keyed by cost, in typed
// arrays that grow by doubling and are reused from one search to the next.

/** A node may be pushed again with a lower key; the search skips the stale entries it pops later. */
export class NodeHeap {
  nodes = new Int32Array(1024);
  keys = new Float64Array(1024);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(node: number, key: number): void {
    if (this.size === this.nodes.length) {
      const nodes = new Int32Array(this.nodes.length * 2);
      nodes.set(this.nodes);
      const keys = new Float64Array(this.keys.length * 2);
      keys.set(this.keys);
      this.nodes = nodes;
      this.keys = keys;
    }
    const nodes = this.nodes;
    const keys = this.keys;
    let index = this.size;
    this.size += 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentKey = keys[parent] as number;
      if (parentKey <= key) break;
      nodes[index] = nodes[parent] as number;
      keys[index] = parentKey;
      index = parent;
    }
    nodes[index] = node;
    keys[index] = key;
  }

  /** The smallest key; call only when size > 0. */
  peekKey(): number {
    return this.keys[0] as number;
  }

  /** Removes the entry with the smallest key and returns its node; call only when size > 0. */
  pop(): number {
    const nodes = this.nodes;
    const keys = this.keys;
    const top = nodes[0] as number;
    this.size -= 1;
    const size = this.size;
    if (size === 0) return top;
    const lastNode = nodes[size] as number;
    const lastKey = keys[size] as number;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && (keys[right] as number) < (keys[left] as number) ? right : left;
      if ((keys[child] as number) >= lastKey) break;
      nodes[index] = nodes[child] as number;
      keys[index] = keys[child] as number;
      index = child;
    }
    nodes[index] = lastNode;
    keys[index] = lastKey;
    return top;
  }
}
