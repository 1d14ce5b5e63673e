import type { ConnectionState } from '../api/events.ts';

/** Says plainly when the list may be stale, and when it is current again. */
export function ConnectionNotice({ connection, reconnected }: { connection: ConnectionState; reconnected: boolean }) {
  let text = '';
  let kind = '';
  if (connection === 'reconnecting') {
    text = 'Connection to Mailnest lost; live updates are paused. Reconnecting…';
    kind = 'warning';
  } else if (connection === 'open' && reconnected) {
    text = 'Reconnected; the inbox is up to date.';
    kind = 'ok';
  }
  return (
    <div class={`connection-notice ${kind}`} role="status" aria-live="polite" hidden={!text}>
      {text}
    </div>
  );
}
