import { useEffect, useState } from 'preact/hooks';
import type { Message } from '../api/types.ts';
import { buildFrameDocument, contentIdKey } from '../html/frameDocument.ts';
import { inlineImages } from '../html/inlineImages.ts';
import { useLocalSetting } from '../hooks.ts';

type PreviewWidth = 'desktop' | 'tablet' | 'phone';

const WIDTHS: Array<{ value: PreviewWidth; label: string; title: string }> = [
  { value: 'desktop', label: 'Desktop', title: 'Full width' },
  { value: 'tablet', label: '768', title: 'Tablet, 768 px' },
  { value: 'phone', label: '375', title: 'Phone, 375 px' },
];

/** No allow-scripts (nothing runs), no allow-same-origin (an opaque origin: no DOM, storage or cookies of ours). */
const SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

/**
 * The message's HTML in a sandboxed `srcdoc` frame that the app builds itself (see
 * buildFrameDocument): the remote-content toggle is the frame's own CSP, so it needs nothing
 * from the server, and links and cid: images are rewritten the same way whatever the server does.
 */
export function HtmlPreview({ message }: { message: Message }) {
  const [width, setWidth] = useLocalSetting<PreviewWidth>('previewWidth', 'desktop');
  const [remote, setRemote] = useLocalSetting<boolean>('remoteContent', true);
  const [images, setImages] = useState<{ id: string; byContentId: Map<string, string> } | null>(null);
  const [srcdoc, setSrcdoc] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    inlineImages(message, controller.signal)
      .catch(() => new Map<string, string>())
      .then((byContentId) => {
        if (!controller.signal.aborted) setImages({ id: message.ID, byContentId });
      });
    return () => controller.abort();
  }, [message]);

  useEffect(() => {
    if (!images || images.id !== message.ID) {
      setSrcdoc(null);
      return;
    }
    setSrcdoc(
      buildFrameDocument(message.HTML, {
        remoteContent: remote,
        imageFor: (cid) => images.byContentId.get(contentIdKey(cid)) ?? null,
      }),
    );
  }, [message, images, remote]);

  return (
    <div class="html-preview">
      <div class="preview-controls">
        <div class="segmented" role="group" aria-label="Preview width">
          {WIDTHS.map((option) => (
            <button
              type="button"
              key={option.value}
              title={option.title}
              aria-pressed={width === option.value ? 'true' : 'false'}
              onClick={() => setWidth(option.value)}
            >
              {option.label}
            </button>
          ))}
        </div>
        <label class="toggle">
          <input type="checkbox" checked={remote} onChange={(event) => setRemote(event.currentTarget.checked)} />
          Remote images
        </label>
      </div>
      <div class={`frame-stage width-${width}`}>
        {srcdoc !== null ? (
          <iframe
            class="html-frame"
            title="HTML body of the message"
            sandbox={SANDBOX}
            referrerpolicy="no-referrer"
            srcdoc={srcdoc}
          />
        ) : null}
      </div>
    </div>
  );
}
