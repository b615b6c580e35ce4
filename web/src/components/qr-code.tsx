import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code drawn in the browser (the `qrcode` library) as a data: image; `label` is its accessible name. */
export function QrCode({ value, label }: { value: string; label: string }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let live = true;
    toDataURL(value, { margin: 2, width: 240, errorCorrectionLevel: 'M' }).then((url) => live && setSrc(url), () => live && setSrc(undefined));
    return () => {
      live = false;
    };
  }, [value]);
  return src ? <img className="qr" src={src} alt={label} width={240} height={240} /> : <p>Preparing the QR code…</p>;
}
