/** /plan: the grid planner, for planners and administrators; asks for a login first. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Credentials } from '../api/session.js';
import { LoginGate } from '../wall/LoginGate.js';
import { WallApi } from '../wall/api.js';
import { Planner } from './Planner.js';
import '../wall/wall.css';
import './plan.css';

export function PlanPage() {
  const { t } = useTranslation();
  const [api, setApi] = useState<WallApi | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  if (!api) {
    return (
      <LoginGate
        title={t('plan.title')}
        reason={refused}
        onLogin={(c: Credentials) => {
          setRefused(null);
          setApi(new WallApi(c));
        }}
      />
    );
  }
  return (
    <Planner
      api={api}
      onAuthFailed={(reason) => {
        setRefused(reason);
        setApi(null);
      }}
    />
  );
}
