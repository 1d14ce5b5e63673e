import type { Address, Envelope, StoredMessage } from './types.ts';

// The whole index lives in memory, so repeats cost real megabytes at 100,000 messages: the same
// sender, envelope and empty lists appear in most records, and JSON.parse makes a fresh copy of each.
const EMPTY: never[] = Object.freeze([]) as unknown as never[];
// Long values (subjects, snippets, search text) rarely repeat; keep the pool to short ones.
const MAX_INTERNED_LENGTH = 200;
// A bound, so a stream of unique addresses cannot grow the pool without limit.
const MAX_POOL_SIZE = 50_000;

/**
 * Shares equal addresses, envelopes and empty lists between stored records. Shared values are
 * frozen: the store replaces a record's lists, it never edits them in place.
 */
export class RecordInterner {
  readonly #addresses = new Map<string, Address>();
  readonly #envelopes = new Map<string, Envelope>();
  readonly #strings = new Map<string, string>();

  #string(value: string): string {
    if (value.length > MAX_INTERNED_LENGTH) return value;
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    if (this.#strings.size < MAX_POOL_SIZE) this.#strings.set(value, value);
    return value;
  }

  #address(address: Address): Address {
    const key = `${address.Name}\u0000${address.Address}`;
    const known = this.#addresses.get(key);
    if (known) return known;
    const shared = Object.freeze({ Name: this.#string(address.Name), Address: this.#string(address.Address) });
    if (this.#addresses.size < MAX_POOL_SIZE) this.#addresses.set(key, shared);
    return shared;
  }

  #addressList(list: Address[]): Address[] {
    return list.length === 0 ? EMPTY : list.map((a) => this.#address(a));
  }

  #envelope(envelope: Envelope): Envelope {
    const key = `${envelope.mailFrom}\u0000${envelope.username}\u0000${envelope.remoteAddress}\u0000${envelope.tls}\u0000${envelope.rcptTo.join('\u0000')}`;
    const known = this.#envelopes.get(key);
    if (known) return known;
    const shared = Object.freeze({
      ...envelope,
      mailFrom: this.#string(envelope.mailFrom),
      rcptTo: Object.freeze(envelope.rcptTo.map((r) => this.#string(r))) as string[],
      username: this.#string(envelope.username),
      remoteAddress: this.#string(envelope.remoteAddress),
    });
    if (this.#envelopes.size < MAX_POOL_SIZE) this.#envelopes.set(key, shared);
    return shared;
  }

  /** Rewrites a record in place to share what it has in common with others; returns it. */
  intern(message: StoredMessage): StoredMessage {
    message.from = this.#address(message.from);
    message.to = this.#addressList(message.to);
    message.cc = this.#addressList(message.cc);
    message.bcc = this.#addressList(message.bcc);
    message.replyTo = this.#addressList(message.replyTo);
    message.returnPath = this.#string(message.returnPath);
    message.envelope = this.#envelope(message.envelope);
    message.tags = this.tags(message.tags);
    return message;
  }

  /** The shared empty list for no tags, so untagged records share one array. */
  tags(tags: string[]): string[] {
    return tags.length === 0 ? EMPTY : tags.map((t) => this.#string(t));
  }
}
