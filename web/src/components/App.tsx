import { useEffect, useRef, useState } from 'preact/hooks';
import type { Mailbox } from '../mailbox.ts';
import { messageHash, useMailbox, useNow, useOpenMessageId } from '../hooks.ts';
import { useConfirm } from './ConfirmDialog.tsx';
import { ConnectionNotice } from './ConnectionNotice.tsx';
import { MailIcon } from './Icons.tsx';
import { MessageList } from './MessageList.tsx';
import { MessageView } from './MessageView.tsx';
import { SearchBox } from './SearchBox.tsx';

const count = new Intl.NumberFormat();

// The open message lives in the URL hash, so opening, switching and closing are hash changes.
const actions = {
  focusRow(id: string): void {
    document.querySelector<HTMLElement>(`.row[data-id="${CSS.escape(id)}"] .row-link`)?.focus();
  },
  /** Switches between messages without stacking history entries. */
  show(id: string): void {
    location.replace(messageHash(id));
  },
  close(): void {
    location.replace('#/');
  },
};

export function App({ mailbox }: { mailbox: Mailbox }) {
  const state = useMailbox(mailbox);
  const openId = useOpenMessageId();
  const now = useNow(30_000);
  const [cursorId, setCursorId] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirm, confirmDialog] = useConfirm();
  const searchInput = useRef<HTMLInputElement>(null);
  const { messages } = state;

  useEffect(() => {
    document.title = state.unread > 0 ? `(${count.format(state.unread)}) Mailnest` : 'Mailnest';
  }, [state.unread]);

  // A selection belongs to the rows on screen: drop what left them (deleted, paged or searched away).
  useEffect(() => {
    const onScreen = new Set(messages.map((m) => m.ID));
    setSelected((current) => {
      const kept = [...current].filter((id) => onScreen.has(id));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [messages]);

  const index = openId ? messages.findIndex((m) => m.ID === openId) : -1;
  const newer = index > 0 ? messages[index - 1]!.ID : null;
  const older = index >= 0 && index < messages.length - 1 ? messages[index + 1]!.ID : null;

  const lastOpenId = useRef<string | null>(null);
  useEffect(() => {
    const closed = lastOpenId.current;
    lastOpenId.current = openId;
    if (openId) setCursorId(openId);
    // The view is gone by now (effects run after the render that removed it), taking the focus
    // with it: give it to the row the reader came from, unless they put it somewhere themselves.
    else if (closed && (document.activeElement === null || document.activeElement === document.body)) {
      actions.focusRow(closed);
    }
  }, [openId]);

  const moveCursor = (step: 1 | -1): void => {
    if (messages.length === 0) return;
    const at = cursorId ? messages.findIndex((m) => m.ID === cursorId) : -1;
    const next = at < 0 ? 0 : Math.min(messages.length - 1, Math.max(0, at + step));
    const id = messages[next]!.ID;
    setCursorId(id);
    actions.focusRow(id);
  };

  const deleteOne = (id: string): void => {
    // Stay in the flow of reading: after a delete, show the next older message (or the newer one).
    const at = messages.findIndex((m) => m.ID === id);
    const following = messages[at + 1]?.ID ?? messages[at - 1]?.ID ?? null;
    void mailbox.delete([id]);
    if (openId === id) {
      if (following) actions.show(following);
      else actions.close();
    } else {
      setCursorId(following);
      if (following) requestAnimationFrame(() => actions.focusRow(following));
    }
  };

  const deleteSelected = async (): Promise<void> => {
    const ids = [...selected];
    if (ids.length === 0) return;
    const ok = ids.length === 1 || (await confirm(`Delete ${ids.length} selected messages?`, `Delete ${ids.length}`));
    if (ok) void mailbox.delete(ids);
  };

  const deleteAll = async (): Promise<void> => {
    if (await confirm(`Delete all ${count.format(state.total)} messages? This cannot be undone.`, 'Delete all')) {
      void mailbox.deleteAll();
      actions.close();
    }
  };

  // Keyboard shortcuts, as in mail clients. Keys typed into a field stay in the field.
  const onKey = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable], dialog')) return;
    const bindings: Record<string, () => void> = {
      '/': () => searchInput.current?.focus(),
      j: () => (openId ? older && actions.show(older) : moveCursor(1)),
      k: () => (openId ? newer && actions.show(newer) : moveCursor(-1)),
      Enter: () => {
        if (!openId && cursorId && !target?.closest('a, button')) location.hash = messageHash(cursorId);
      },
      Delete: () => {
        if (openId) deleteOne(openId);
        else if (selected.size > 0) void deleteSelected();
        else if (cursorId) deleteOne(cursorId);
      },
      Escape: () => {
        if (openId) actions.close();
        else if (selected.size > 0) setSelected(new Set());
      },
      x: () => {
        if (!cursorId) return;
        const next = new Set(selected);
        if (!next.delete(cursorId)) next.add(cursorId);
        setSelected(next);
      },
    };
    const binding = bindings[event.key];
    if (!binding) return;
    // Enter on a focused link or button keeps its native meaning.
    if (event.key === 'Enter' && target?.closest('a, button')) return;
    event.preventDefault();
    binding();
  };
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKeyRef.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  return (
    <div class={`app ${openId ? 'has-message' : ''}`}>
      <header class="topbar">
        <a class="brand" href="#/" aria-label={`Mailnest inbox, ${state.unread} unread`}>
          <MailIcon />
          <span class="brand-name">Mailnest</span>
          {state.unread > 0 ? <span class="badge">{count.format(state.unread)}</span> : null}
        </a>
        <SearchBox value={state.search} onSearch={(query) => mailbox.setSearch(query)} inputRef={searchInput} />
        <span
          class={`live ${state.connection === 'open' ? 'on' : 'off'}`}
          title={state.connection === 'open' ? 'Live: new mail appears as it arrives' : 'Not connected'}
        >
          {state.connection === 'open' ? 'Live' : 'Offline'}
        </span>
      </header>
      <ConnectionNotice connection={state.connection} reconnected={state.reconnected} />
      <main class="panes">
        <MessageList
          state={state}
          now={now}
          openId={openId}
          cursorId={cursorId}
          selected={selected}
          onSelect={(id, on) => {
            const next = new Set(selected);
            if (on) next.add(id);
            else next.delete(id);
            setSelected(next);
          }}
          onSelectPage={(on) => setSelected(on ? new Set(messages.map((m) => m.ID)) : new Set())}
          onFocusRow={setCursorId}
          onMarkRead={(read) => void mailbox.setRead([...selected], read)}
          onDeleteSelected={() => void deleteSelected()}
          onMarkAllRead={() => void mailbox.markAllRead()}
          onDeleteAll={() => void deleteAll()}
          onPage={(start) => {
            mailbox.setPage(start);
            setCursorId(null);
          }}
        />
        {openId ? (
          <MessageView
            key="view"
            id={openId}
            mailbox={mailbox}
            onClose={actions.close}
            onPrev={newer ? () => actions.show(newer) : null}
            onNext={older ? () => actions.show(older) : null}
            onDelete={deleteOne}
          />
        ) : null}
      </main>
      {confirmDialog}
    </div>
  );
}
