/**
 * The one runtime.onConnect handler: `turn` ports carry one TurnCommand and get that turn's
 * events; `watch` ports follow every event of one conversation; `export` ports get the whole
 * history's export file in pieces. Only extension pages (popup,
 * options, the sidebar frame) may connect. A port closing never stops a turn.
 */
import { TURN_PORT, WATCH_PORT, type TurnEvent, type WatchEvent } from '../shared/messages';
import { EXPORT_PORT } from '../shared/export-stream';
import { classifySender, mayConnect, type SenderInfo } from './router/trust';
import { isTurnCommand, isWatchCommand } from './router/validate';
import type { TurnRunner } from './turns/runner';
import type { WatchHub } from './turns/watch-hub';
import { markTurn } from './trace';

/** The parts of runtime.Port used here (the polyfill's Port, or a fake in tests). */
export interface PortLike {
  name: string;
  sender?: SenderInfo;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface PortDeps {
  runner: TurnRunner;
  /** Serves an `export` port (export-port.ts). */
  exportAll?: (port: PortLike) => void;
  hub: WatchHub;
  extensionId: string;
  origin: string;
  log?: (message: string, detail?: unknown) => void;
}

export function createConnectHandler(deps: PortDeps): (port: PortLike) => void {
  const { runner, hub, log } = deps;

  function serveTurn(port: PortLike): void {
    let open = true;
    let started = false;
    port.onDisconnect.addListener(() => {
      open = false;
    });
    const emit = (event: TurnEvent): void => {
      if (open) port.postMessage(event);
    };
    port.onMessage.addListener((message) => {
      if (started) {
        log?.('a turn port sent a second command', message);
        return;
      }
      started = true;
      markTurn('turn-command');
      if (!isTurnCommand(message)) {
        log?.('refused a malformed turn command', message);
        emit({ type: 'rejected', error: { kind: 'protocol', message: 'Malformed turn command.' } });
        return;
      }
      // The turn's last event is sent: let the view's port go (it may have closed already).
      void runner.run(message, emit).finally(() => {
        if (open) port.disconnect();
      });
    });
  }

  function serveWatch(port: PortLike): void {
    let unwatch: (() => void) | undefined;
    port.onDisconnect.addListener(() => unwatch?.());
    port.onMessage.addListener((message) => {
      if (!isWatchCommand(message)) {
        log?.('refused a malformed watch command', message);
        return;
      }
      // A view may switch conversations on the same port.
      unwatch?.();
      unwatch = hub.add(message.conversationId, (event: WatchEvent) => port.postMessage(event));
    });
  }

  return (port) => {
    const caller = classifySender(port.sender ?? {}, deps.extensionId, deps.origin);
    if (!mayConnect(caller.tier)) {
      log?.(`refused a ${port.name} port from a ${caller.tier} sender`, port.sender?.url);
      port.disconnect();
      return;
    }
    if (port.name === TURN_PORT) serveTurn(port);
    else if (port.name === WATCH_PORT) serveWatch(port);
    else if (port.name === EXPORT_PORT && deps.exportAll) deps.exportAll(port);
    else {
      log?.(`refused an unknown port "${port.name}"`);
      port.disconnect();
    }
  };
}
