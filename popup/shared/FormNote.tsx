/** A form's outcome: a polite status line that is always present, or an alert when something failed. */
export type Note = { kind: 'status' | 'alert'; text: string } | null;

export function FormNote({ note }: { note: Note }) {
  return (
    <>
      <p role="status" class="ok-text">
        {note?.kind === 'status' ? note.text : ''}
      </p>
      {note?.kind === 'alert' && (
        <p role="alert" class="error-text">
          {note.text}
        </p>
      )}
    </>
  );
}
