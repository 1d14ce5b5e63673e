import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

const DEBOUNCE_MS = 200;

export interface SearchBoxProps {
  value: string;
  onSearch(query: string): void;
  inputRef: Ref<HTMLInputElement>;
}

/** One box, Mailpit's query syntax; the list follows as you type. */
export function SearchBox({ value, onSearch, inputRef }: SearchBoxProps) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const submit = (query: string): void => {
    clearTimeout(timer.current);
    onSearch(query);
  };

  return (
    <form
      class="search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        submit(text);
      }}
    >
      <input
        ref={inputRef}
        type="search"
        name="query"
        value={text}
        placeholder="Search  (from: subject: is:unread has:attachment …)"
        aria-label="Search messages"
        title={'Mailpit search syntax: words, "quoted phrases", from:, to:, cc:, subject:, tag:, is:read, is:unread, has:attachment, larger:1M, before:2025/01/31; prefix - or ! to negate'}
        autocomplete="off"
        spellcheck={false}
        onInput={(event) => {
          const next = event.currentTarget.value;
          setText(next);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => onSearch(next), DEBOUNCE_MS);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          event.stopPropagation();
          if (text) {
            setText('');
            submit('');
          } else {
            event.currentTarget.blur();
          }
        }}
      />
    </form>
  );
}
