import { useEffect, useState } from 'preact/hooks';
import type { Mailbox, MailboxState } from './mailbox.ts';

export function useMailbox(mailbox: Mailbox): MailboxState {
  const [state, setState] = useState(mailbox.current);
  useEffect(() => {
    const unsubscribe = mailbox.subscribe(setState);
    // Effects run after paint: the list or the event stream may have changed since the first
    // render, and with no later change the page would show that old state for good.
    setState(mailbox.current);
    return unsubscribe;
  }, [mailbox]);
  return state;
}

/** The open message lives in the hash (`#/m/<ID>`): links, back/forward and reloads keep it. */
export function useOpenMessageId(): string | null {
  const [id, setId] = useState(readOpenId);
  useEffect(() => {
    const update = (): void => setId(readOpenId());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return id;
}

function readOpenId(): string | null {
  const match = /^#\/m\/([0-9A-Za-z]+)$/.exec(location.hash);
  return match ? match[1]! : null;
}

export function messageHash(id: string): string {
  return `#/m/${id}`;
}

/** Re-renders every `ms` so relative times ("5 min. ago") stay true. */
export function useNow(ms: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export function useLocalSetting<T extends string | boolean>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = localStorage.getItem(`mailnest.${key}`);
      if (stored === null) return initial;
      return (typeof initial === 'boolean' ? stored === 'true' : stored) as T;
    } catch {
      return initial;
    }
  });
  const update = (next: T): void => {
    setValue(next);
    try {
      localStorage.setItem(`mailnest.${key}`, String(next));
    } catch {
      // private mode: the setting lasts for this page only
    }
  };
  return [value, update];
}
