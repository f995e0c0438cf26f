// The end of a session as LSP has it: once `shutdown` has come, every request but it fails with
// InvalidRequest and every notification but `exit` is dropped. vscode-languageserver does not do
// this (it goes on serving), so each incoming message passes here first, whatever the transport.
import { ErrorCodes, Message, ResponseError, type Connection, type MessageStrategy } from 'vscode-languageserver/node';

type Handled = ReturnType<MessageStrategy['handleMessage']>;

/** A request after shutdown goes on under this name, to a handler that refuses it (the connection answers only through a handler). */
const REFUSED = '$/kent/afterShutdown';

export class Lifecycle implements MessageStrategy {
  private ended = false;

  /** Whether `shutdown` has come: `exit` then ends the process with 0, not 1. */
  get shutDown(): boolean {
    return this.ended;
  }

  handleMessage(message: Message, next: (message: Message) => Handled): Handled {
    if (!this.ended) {
      // Set as the request arrives, not when answered: what follows it is refused.
      if (Message.isRequest(message) && message.method === 'shutdown') this.ended = true;
      return next(message);
    }
    if (Message.isRequest(message)) return next({ ...message, method: REFUSED, params: { method: message.method } } as Message);
    if (Message.isNotification(message) && message.method !== 'exit') return;
    return next(message); // `exit`, and the editor's answers to the server's own requests
  }

  /** Answer the refused requests on `connection`. */
  listen(connection: Pick<Connection, 'onRequest'>): void {
    connection.onRequest(REFUSED, (params: { method?: string } | undefined) => {
      // Only this class sends requests here; an editor that names the method itself is told it has none.
      if (!this.ended) throw new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${REFUSED}`);
      throw new ResponseError(ErrorCodes.InvalidRequest, `The server is shut down: ${params?.method} is refused; only exit is accepted.`);
    });
  }
}
