import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';

interface Request {
  message: string;
  action: string;
  resolve(ok: boolean): void;
}

/**
 * A confirmation in a modal <dialog>, not window.confirm(): it matches the app's look and leaves
 * the page's dialog events to things that really are alerts.
 */
export function useConfirm(): [(message: string, action: string) => Promise<boolean>, JSX.Element] {
  const [request, setRequest] = useState<Request | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  const ask = (message: string, action: string): Promise<boolean> =>
    new Promise((resolve) => {
      setRequest({ message, action, resolve });
      // The dialog renders on the next paint; open it once it is in the DOM.
      requestAnimationFrame(() => dialog.current?.showModal());
    });

  const finish = (ok: boolean): void => {
    request?.resolve(ok);
    setRequest(null);
    if (dialog.current?.open) dialog.current.close();
  };

  const element = (
    <dialog
      ref={dialog}
      class="confirm"
      aria-labelledby="confirm-text"
      onCancel={(event) => {
        event.preventDefault();
        finish(false);
      }}
    >
      <form method="dialog" onSubmit={(event) => event.preventDefault()}>
        <p id="confirm-text">{request?.message}</p>
        <div class="confirm-actions">
          <button type="button" onClick={() => finish(false)}>
            Cancel
          </button>
          <button type="submit" class="danger" autofocus onClick={() => finish(true)}>
            {request?.action ?? 'OK'}
          </button>
        </div>
      </form>
    </dialog>
  );
  return [ask, element];
}
