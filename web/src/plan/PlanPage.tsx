/** /plan: the grid planner, for planners and data administrators signed in through /signin. */
import { endRefusedSession, SignedInScreen } from '../account/SignedInScreen.js';
import { Planner } from './Planner.js';
import '../ui/ui.css';
import './plan.css';

export function PlanPage() {
  return <SignedInScreen>{(api) => <Planner api={api} onAuthFailed={endRefusedSession} />}</SignedInScreen>;
}
