import { useState } from 'react';

/**
 * A fixed-size photo thumbnail. Photos live on other hosts that may be unreachable (offline, or the
 * demo data's made-up host): then a neutral box with the alt text stands in, the same size, so the
 * row does not jump when the image fails.
 */
export function Thumb({ src, alt, width = 64, height = 44 }: { src: string | null | undefined; alt: string; width?: number; height?: number }) {
  const [failed, setFailed] = useState<string | null>(null);
  const style = { width, height };
  if (!src || failed === src) {
    return (
      <span className="thumb thumb-missing" role="img" aria-label={alt} title={alt} style={style}>
        <span aria-hidden="true">{alt}</span>
      </span>
    );
  }
  return (
    <img className="thumb" src={src} alt={alt} width={width} height={height} loading="lazy" decoding="async"
      referrerPolicy="no-referrer" style={style} onError={() => setFailed(src)} />
  );
}

/** The link rule the contract applies to image links (https, at most 500 characters), checked before sending. */
export function isHttpsUrl(text: string): boolean {
  if (text.length > 500) return false;
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}
