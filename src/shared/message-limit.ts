// The limit lives with the provider, so the CLI (which imports only the provider) shares it.
export { MESSAGE_LIMIT, messageTooLong } from '../provider/message-limit';
