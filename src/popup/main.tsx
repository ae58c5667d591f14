import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../shared/rpc';

function Popup() {
  const [status, setStatus] = useState('connecting');
  useEffect(() => {
    request('ping', {}).then(
      (pong) => setStatus(`worker ${pong.version}`),
      (error: unknown) => setStatus(String(error)),
    );
  }, []);
  return <main data-status={status}>ChatGptt — {status}</main>;
}

render(<Popup />, document.getElementById('app') as HTMLElement);
