import type { MessageSummary } from '../api/types.ts';
import { senderLabel } from '../format/address.ts';
import { formatSize } from '../format/size.ts';
import { formatFull, formatRelative } from '../format/time.ts';
import { messageHash } from '../hooks.ts';
import { PaperclipIcon, TagIcon } from './Icons.tsx';

export interface MessageRowProps {
  message: MessageSummary;
  now: number;
  open: boolean;
  cursor: boolean;
  selected: boolean;
  onSelect(id: string, selected: boolean): void;
  onFocusRow(id: string): void;
}

/** One message in the list. Every field is text (Preact sets textContent), never markup. */
export function MessageRow({ message, now, open, cursor, selected, onSelect, onFocusRow }: MessageRowProps) {
  const tags = message.Tags ?? [];
  const classes = ['row', message.Read ? 'read' : 'unread', open ? 'open' : '', cursor ? 'cursor' : '', selected ? 'selected' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li class={classes} data-id={message.ID}>
      <input
        type="checkbox"
        class="row-select"
        checked={selected}
        aria-label={`Select message: ${message.Subject || '(no subject)'}`}
        onChange={(event) => onSelect(message.ID, event.currentTarget.checked)}
      />
      <a
        class="row-link"
        href={messageHash(message.ID)}
        aria-current={open ? 'true' : undefined}
        onFocus={() => onFocusRow(message.ID)}
      >
        <span class="row-from">
          {message.Read ? null : <span class="unread-dot" aria-label="Unread" role="img" />}
          {senderLabel(message.From)}
        </span>
        <time class="row-time" dateTime={message.Created} title={formatFull(message.Created)}>
          {formatRelative(message.Created, now)}
        </time>
        <span class="row-subject">{message.Subject || '(no subject)'}</span>
        <span class="row-size">{formatSize(message.Size)}</span>
        <span class="row-snippet">{message.Snippet}</span>
        <span class="row-marks">
          {message.Attachments > 0 ? (
            <span class="mark" title={`${message.Attachments} attachment${message.Attachments === 1 ? '' : 's'}`}>
              <PaperclipIcon label="Has attachments" />
              {message.Attachments > 1 ? message.Attachments : null}
            </span>
          ) : null}
          {tags.map((tag) => (
            <span class="tag" key={tag}>
              <TagIcon />
              {tag}
            </span>
          ))}
        </span>
      </a>
    </li>
  );
}
