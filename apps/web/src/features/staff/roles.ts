import { ROLES, type TRole } from '@mentorbridge/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

const isRole = (r: string): r is TRole => (ROLES as readonly string[]).includes(r);

/** A role's name in the user's language (unknown roles shown as they are). */
export const useRoleLabel = () => {
  const { t } = useTranslation();
  return useCallback((role: string) => (isRole(role) ? t(`roles.${role}`) : role), [t]);
};
