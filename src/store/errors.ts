/** A store operation failed; the message names the operation and the thing it acted on. */
export class StoreError extends Error {
  override name = 'StoreError';
  /** 'ENOENT' for an unknown message, otherwise the underlying system code when there is one. */
  readonly code: string | undefined;

  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(message, { cause: options?.cause });
    this.code = options?.code ?? (options?.cause as NodeJS.ErrnoException | undefined)?.code;
  }
}
