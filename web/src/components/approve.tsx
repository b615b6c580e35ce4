import { useState } from 'react';
import { StepUpDialog } from './step-up';

/** The second person's "Approve" for a request that awaits it, confirmed with a fresh authenticator code. */
export function ApproveButton({ awaiting, title, description, approve }: { awaiting: boolean; title: string; description: string; approve: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      {awaiting ? (
        <button type="button" className="danger" onClick={() => setOpen(true)}>
          Approve
        </button>
      ) : null}
      <StepUpDialog open={open} title={title} description={description} confirmLabel="Approve" reasonRequired={false} onClose={() => setOpen(false)} action={approve} />
    </>
  );
}
