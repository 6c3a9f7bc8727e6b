// Turning step outputs into state references and back (state-bag.ts): inline
// values travel in the state, S3 values as a key, a map's output as its
// chunks' references in item order. Reads of the same reference within one
// invocation share one GET.
import { deleteObject, getJson, putJson } from './s3-store.ts';
import type { InlineRef, Ref, S3Ref } from './state-bag.ts';

export class RefReader {
  private readonly cache = new Map<string, Promise<unknown>>();

  async value(ref: Ref): Promise<unknown> {
    if ('v' in ref) return ref.v;
    if ('s3' in ref) return this.object(ref.s3);
    const chunks = await Promise.all(ref.parts.map((part) => this.value(part)));
    return { items: (chunks as unknown[][]).flat() };
  }

  private object(key: string): Promise<unknown> {
    let loaded = this.cache.get(key);
    if (!loaded) {
      loaded = getJson(key);
      this.cache.set(key, loaded);
    }
    return loaded;
  }
}

export async function storeValue(mode: 'inline' | 's3', key: string, value: unknown): Promise<InlineRef | S3Ref> {
  if (mode === 'inline') return { v: value };
  await putJson(key, value);
  return { s3: key };
}

/** Every S3 key a reference points to. */
export function s3Keys(ref: Ref): string[] {
  if ('s3' in ref) return [ref.s3];
  if ('parts' in ref) return ref.parts.flatMap(s3Keys);
  return [];
}

export async function deleteRefs(refs: Ref[]): Promise<void> {
  await Promise.all(refs.flatMap(s3Keys).map((key) => deleteObject(key)));
}
