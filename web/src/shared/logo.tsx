/** The platform mark: two linked rings (和谐同行 — walking together), in the header and on the sign-in page. */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#ffffff" fillOpacity="0.12" />
      <circle cx="25" cy="32" r="13" fill="none" stroke="#ffffff" strokeWidth="5" />
      <circle cx="39" cy="32" r="13" fill="none" stroke="#f5c542" strokeWidth="5" />
    </svg>
  );
}
