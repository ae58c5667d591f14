/**
 * The page-summary controls under the conversation, loaded only when a page is summarized or a
 * conversation has a page job (the popup's first bundle stays small): the choice on an enormous
 * page and the progress with its Continue.
 */
import { MESSAGE_LIMIT } from '../../shared/message-limit';
import type { Conversation, PageContext, StoredMessage } from '../../shared/model';
import { PARTS_WITHOUT_ASKING, partBudget, splitIntoParts } from '../../shared/page-parts';
import { JobProgressBar } from './JobProgress';
import { PartsChoice } from './PartsChoice';
import { jobProgress } from './progress';

export interface PendingChoice {
  prompt: string;
  context: PageContext;
  count: number;
}

/** How many parts `text` is summarized in; the user chooses above PARTS_WITHOUT_ASKING. */
export function needsChoice(text: string): number | null {
  const count = splitIntoParts(text, partBudget(MESSAGE_LIMIT)).length;
  return count > PARTS_WITHOUT_ASKING ? count : null;
}

interface Props {
  choice: PendingChoice | null;
  onPick: (choice: PendingChoice, parts: number) => void;
  conversation: Conversation | null;
  messages: StoredMessage[];
  busy: boolean;
  onContinueAnswer: (messageId: string) => void;
  onResume: () => void;
}

export function SummaryPanel(props: Props) {
  const { choice } = props;
  const progress = jobProgress(props.conversation, props.messages, props.busy);
  return (
    <>
      {choice ? (
        <PartsChoice
          count={choice.count}
          source={choice.context.source}
          partChars={partBudget(MESSAGE_LIMIT)}
          onPick={(parts) => props.onPick(choice, parts)}
        />
      ) : null}
      {progress ? (
        <JobProgressBar
          progress={progress}
          onContinue={() =>
            progress.state === 'stopped' && progress.stopped
              ? props.onContinueAnswer(progress.stopped.id)
              : props.onResume()
          }
        />
      ) : null}
    </>
  );
}
