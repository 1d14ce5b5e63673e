import type { MailboxState } from '../mailbox.ts';
import { MessageRow } from './MessageRow.tsx';
import { DownIcon, UpIcon } from './Icons.tsx';

export interface MessageListProps {
  state: MailboxState;
  now: number;
  openId: string | null;
  cursorId: string | null;
  selected: ReadonlySet<string>;
  onSelect(id: string, selected: boolean): void;
  onSelectPage(selected: boolean): void;
  onFocusRow(id: string): void;
  onMarkRead(read: boolean): void;
  onDeleteSelected(): void;
  onMarkAllRead(): void;
  onDeleteAll(): void;
  onPage(start: number): void;
}

const count = new Intl.NumberFormat();

export function MessageList(props: MessageListProps) {
  const { state, selected } = props;
  const { messages, start, limit, matches } = state;
  const pageSelected = messages.length > 0 && messages.every((m) => selected.has(m.ID));
  const someSelected = selected.size > 0;
  const first = matches === 0 ? 0 : start + 1;
  const last = Math.min(start + messages.length, matches);

  return (
    <section class="list-pane" aria-label="Messages">
      <div class="list-toolbar" role="toolbar" aria-label="List actions">
        <input
          type="checkbox"
          class="select-page"
          aria-label="Select all on this page"
          checked={pageSelected}
          indeterminate={someSelected && !pageSelected}
          disabled={messages.length === 0}
          onChange={(event) => props.onSelectPage(event.currentTarget.checked)}
        />
        {someSelected ? (
          <>
            <span class="selection-count">{selected.size} selected</span>
            <button type="button" onClick={() => props.onMarkRead(true)}>
              Mark read
            </button>
            <button type="button" onClick={() => props.onMarkRead(false)}>
              Mark unread
            </button>
            <button type="button" class="danger" onClick={props.onDeleteSelected}>
              Delete
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={props.onMarkAllRead} disabled={state.unread === 0}>
              Mark all read
            </button>
            <button type="button" class="danger" onClick={props.onDeleteAll} disabled={state.total === 0}>
              Delete all
            </button>
          </>
        )}
      </div>
      {state.error ? (
        <p class="error" role="alert">
          {state.error}
        </p>
      ) : null}
      {messages.length === 0 ? (
        <p class="empty">
          {!state.loaded ? 'Loading…' : state.search ? 'No messages match this search.' : 'No messages yet. Send one over SMTP and it shows up here.'}
        </p>
      ) : (
        <ul class="rows" aria-busy={state.loading ? 'true' : 'false'}>
          {messages.map((message) => (
            <MessageRow
              key={message.ID}
              message={message}
              now={props.now}
              open={message.ID === props.openId}
              cursor={message.ID === props.cursorId}
              selected={selected.has(message.ID)}
              onSelect={props.onSelect}
              onFocusRow={props.onFocusRow}
            />
          ))}
        </ul>
      )}
      <nav class="pager" aria-label="Pages">
        <span class="range" aria-live="polite">
          {matches === 0 ? '' : `${count.format(first)}–${count.format(last)} of ${count.format(matches)}`}
        </span>
        <button
          type="button"
          title="Newer messages"
          disabled={start === 0}
          onClick={() => props.onPage(start - limit)}
        >
          <UpIcon /> Newer
        </button>
        <button
          type="button"
          title="Older messages"
          disabled={start + limit >= matches}
          onClick={() => props.onPage(start + limit)}
        >
          Older <DownIcon />
        </button>
      </nav>
    </section>
  );
}
