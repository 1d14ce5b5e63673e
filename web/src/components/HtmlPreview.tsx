import { useMemo } from 'preact/hooks';
import { partUrl } from '../api/client.ts';
import type { Message } from '../api/types.ts';
import { buildFrameDocument, contentIdResolver } from '../html/frameDocument.ts';
import { useLocalSetting } from '../hooks.ts';

type PreviewWidth = 'desktop' | 'tablet' | 'phone';

const WIDTHS: Array<{ value: PreviewWidth; label: string; title: string }> = [
  { value: 'desktop', label: 'Desktop', title: 'Full width' },
  { value: 'tablet', label: '768', title: 'Tablet, 768 px' },
  { value: 'phone', label: '375', title: 'Phone, 375 px' },
];

/**
 * The message's HTML in a sandboxed frame: no allow-scripts (nothing runs) and no
 * allow-same-origin (the frame's origin is opaque, so it can reach neither the app's DOM, its
 * storage nor its cookies). Links open in new tabs that escape the sandbox but know nothing of us.
 */
export function HtmlPreview({ message }: { message: Message }) {
  const [width, setWidth] = useLocalSetting<PreviewWidth>('previewWidth', 'desktop');
  const [remote, setRemote] = useLocalSetting<boolean>('remoteContent', true);
  const srcdoc = useMemo(() => {
    const parts = [...(message.Inline ?? []), ...(message.Attachments ?? [])];
    return buildFrameDocument(message.HTML, {
      remoteContent: remote,
      origin: location.origin,
      partUrlFor: contentIdResolver(parts, (partId) => partUrl(message.ID, partId)),
    });
  }, [message, remote]);

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
        <iframe
          class="html-frame"
          title="HTML body of the message"
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerpolicy="no-referrer"
          srcdoc={srcdoc}
        />
      </div>
    </div>
  );
}
