/** The chat view the sidebar shows: the shared ChatApp (src/ui), on its sidebar surface. */
export { ChatApp as Chat } from '../ui';
