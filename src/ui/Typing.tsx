/**
 * "Waiting for the answer": three dots that pulse until the first byte (still when the user asks
 * for reduced motion, ui.css); the words stay for screen readers and as the tooltip.
 */
export function Typing({ label }: { label: string }) {
  return (
    <p class="cg-typing" role="status" title={label}>
      <span class="cg-dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      <span class="cg-typing-text">{label}</span>
    </p>
  );
}
