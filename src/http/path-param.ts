import type { Request } from 'express';

/** A named route parameter as one string (express 5 types wildcards as string[]). */
export function pathParam(req: Request, name: string): string | undefined {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : undefined;
}
