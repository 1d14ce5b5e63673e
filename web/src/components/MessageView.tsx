import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../api/client.ts';
import type { Attachment, Headers, Message } from '../api/types.ts';
import { formatAddresses, formatAddress } from '../format/address.ts';
import { formatSize } from '../format/size.ts';
import { formatFull } from '../format/time.ts';
import type { Mailbox } from '../mailbox.ts';
import { HtmlPreview } from './HtmlPreview.tsx';
import { BackIcon, DownIcon, DownloadIcon, PaperclipIcon, TagIcon, TrashIcon, UpIcon } from './Icons.tsx';

type Tab = 'html' | 'text' | 'headers' | 'raw';

/** Raw sources beyond this are cut in the view (the download has them whole). */
const RAW_VIEW_LIMIT = 1024 * 1024;

export interface MessageViewProps {
  id: string;
  mailbox: Mailbox;
  onClose(): void;
  onPrev: (() => void) | null;
  onNext: (() => void) | null;
  onDelete(id: string): void;
}

type Load<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: string };

export function MessageView({ id, mailbox, onClose, onPrev, onNext, onDelete }: MessageViewProps) {
  const [message, setMessage] = useState<Load<Message>>({ status: 'loading' });
  // The tab the user chose; a message without HTML shows Text instead, without forgetting the choice.
  const [chosenTab, setTab] = useState<Tab>('html');
  const [read, setRead] = useState(true);
  const [gone, setGone] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    setMessage({ status: 'loading' });
    setGone(false);
    setRead(true);
    api.getMessage(id, controller.signal).then(
      (value) => {
        setMessage({ status: 'ready', value });
        mailbox.noteOpened(id);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof api.ApiError && error.status === 404) setGone(true);
        setMessage({ status: 'error', error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [id, mailbox]);

  useEffect(() => heading.current?.focus({ preventScroll: true }), [id, message.status]);

  useEffect(
    () =>
      mailbox.onSignal((signal) => {
        if (signal.kind === 'gone' && (signal.ids === 'all' || signal.ids.includes(id))) setGone(true);
        if (signal.kind === 'update' && signal.id === id) {
          if (signal.read !== undefined) setRead(signal.read);
          const tags = signal.tags;
          if (tags) setMessage((current) => (current.status === 'ready' ? { ...current, value: { ...current.value, Tags: tags } } : current));
        }
        // After a reconnect or a prune, ask whether the message still exists (headers: no read side effect).
        if (signal.kind === 'caught-up') {
          api.getHeaders(id).catch((error: unknown) => {
            if (error instanceof api.ApiError && error.status === 404) setGone(true);
          });
        }
      }),
    [id, mailbox],
  );

  const subject = message.status === 'ready' ? message.value.Subject || '(no subject)' : '';
  const tab: Tab = chosenTab === 'html' && message.status === 'ready' && !message.value.HTML ? 'text' : chosenTab;

  return (
    <section class="message-pane" aria-label="Message">
      <div class="message-toolbar" role="toolbar" aria-label="Message actions">
        <button type="button" class="icon-button" onClick={onClose} aria-label="Back to the list" title="Back (Esc)">
          <BackIcon />
        </button>
        <button type="button" class="icon-button" onClick={() => onPrev?.()} disabled={!onPrev} aria-label="Previous (newer) message" title="Newer (k)">
          <UpIcon />
        </button>
        <button type="button" class="icon-button" onClick={() => onNext?.()} disabled={!onNext} aria-label="Next (older) message" title="Older (j)">
          <DownIcon />
        </button>
        <span class="spacer" />
        <button
          type="button"
          disabled={gone}
          onClick={() => {
            setRead(!read);
            void mailbox.setRead([id], !read);
          }}
        >
          {read ? 'Mark unread' : 'Mark read'}
        </button>
        <a class="button" href={api.rawDownloadUrl(id)} download={`${id}.eml`} title="Download the raw .eml">
          <DownloadIcon /> <span class="label">.eml</span>
        </a>
        <button type="button" class="danger" disabled={gone} onClick={() => onDelete(id)} title="Delete (Delete key)">
          <TrashIcon /> <span class="label">Delete</span>
        </button>
      </div>
      {gone ? (
        <p class="notice-inline" role="status">
          This message was deleted.
        </p>
      ) : null}
      {message.status === 'loading' ? <p class="empty">Loading…</p> : null}
      {message.status === 'error' && !gone ? (
        <p class="error" role="alert">
          {message.error}
        </p>
      ) : null}
      {message.status === 'ready' ? (
        <>
          <header class="message-header">
            <h1 class="message-subject" tabIndex={-1} ref={heading}>
              {subject}
            </h1>
            <MessageMeta message={message.value} />
            <AttachmentList message={message.value} />
          </header>
          <Tabs message={message.value} tab={tab} onTab={setTab} />
        </>
      ) : null}
    </section>
  );
}

function MessageMeta({ message }: { message: Message }) {
  const rows: Array<[string, string]> = [
    ['From', formatAddress(message.From)],
    ['To', formatAddresses(message.To)],
    ['Cc', formatAddresses(message.Cc)],
    ['Bcc', formatAddresses(message.Bcc)],
    ['Reply-To', formatAddresses(message.ReplyTo)],
  ];
  const tags = message.Tags ?? [];
  return (
    <dl class="meta">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div class="meta-row" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      <div class="meta-row">
        <dt>Date</dt>
        <dd>
          <time dateTime={message.Date}>{formatFull(message.Date)}</time>
          <span class="muted"> · {formatSize(message.Size)}</span>
        </dd>
      </div>
      {tags.length > 0 ? (
        <div class="meta-row">
          <dt>Tags</dt>
          <dd>
            {tags.map((tag) => (
              <span class="tag" key={tag}>
                <TagIcon />
                {tag}
              </span>
            ))}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function AttachmentList({ message }: { message: Message }) {
  const parts: Array<Attachment & { inline: boolean }> = [
    ...(message.Attachments ?? []).map((part) => ({ ...part, inline: false })),
    ...(message.Inline ?? []).map((part) => ({ ...part, inline: true })),
  ];
  if (parts.length === 0) return null;
  return (
    <ul class="attachments" aria-label="Attachments">
      {parts.map((part) => (
        <li key={part.PartID}>
          <a class="attachment" href={api.partUrl(message.ID, part.PartID)} download={part.FileName || `part-${part.PartID}`}>
            <PaperclipIcon />
            <span class="attachment-name">{part.FileName || `part ${part.PartID}`}</span>
            <span class="muted">
              {part.ContentType} · {formatSize(part.Size)}
              {part.inline ? ' · inline' : ''}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

const TABS: Array<{ value: Tab; label: string }> = [
  { value: 'html', label: 'HTML' },
  { value: 'text', label: 'Text' },
  { value: 'headers', label: 'Headers' },
  { value: 'raw', label: 'Raw' },
];

function Tabs({ message, tab, onTab }: { message: Message; tab: Tab; onTab(tab: Tab): void }) {
  return (
    <div class="tabs">
      <div class="tab-list" role="tablist" aria-label="Message body">
        {TABS.map((option) => (
          <button
            type="button"
            role="tab"
            key={option.value}
            id={`tab-${option.value}`}
            aria-selected={tab === option.value ? 'true' : 'false'}
            aria-controls="tab-panel"
            disabled={option.value === 'html' && !message.HTML}
            onClick={() => onTab(option.value)}
          >
            {option.label}
          </button>
        ))}
      </div>
      <div class="tab-panel" id="tab-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'html' && message.HTML ? <HtmlPreview message={message} /> : null}
        {tab === 'text' ? <pre class="body-text">{message.Text || '(this message has no text part)'}</pre> : null}
        {tab === 'headers' ? <HeadersTable id={message.ID} /> : null}
        {tab === 'raw' ? <RawSource id={message.ID} /> : null}
      </div>
    </div>
  );
}

function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Load<T> {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (value) => setState({ status: 'ready', value }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [key]);
  return state;
}

function HeadersTable({ id }: { id: string }) {
  const headers = useLoad<Headers>((signal) => api.getHeaders(id, signal), id);
  if (headers.status === 'loading') return <p class="empty">Loading…</p>;
  if (headers.status === 'error') return <p class="error">{headers.error}</p>;
  return (
    <table class="headers">
      <tbody>
        {Object.entries(headers.value).flatMap(([name, values]) =>
          values.map((value, index) => (
            <tr key={`${name}-${index}`}>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

function RawSource({ id }: { id: string }) {
  const raw = useLoad<string>((signal) => api.getRaw(id, signal), id);
  if (raw.status === 'loading') return <p class="empty">Loading…</p>;
  if (raw.status === 'error') return <p class="error">{raw.error}</p>;
  const cut = raw.value.length > RAW_VIEW_LIMIT;
  return (
    <>
      {cut ? (
        <p class="notice-inline">
          Showing the first {formatSize(RAW_VIEW_LIMIT)} of {formatSize(raw.value.length)}.{' '}
          <a href={api.rawDownloadUrl(id)} download={`${id}.eml`}>
            Download the whole .eml
          </a>
        </p>
      ) : null}
      <pre class="body-raw">{cut ? raw.value.slice(0, RAW_VIEW_LIMIT) : raw.value}</pre>
    </>
  );
}
