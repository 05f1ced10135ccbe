/** The browser's one account session (sessionStorage: per tab, gone when the tab closes). */
import { postGraphQL } from '../api/graphql.js';
import { AccountSession } from './account-session.js';

export const accountSession = new AccountSession(postGraphQL, window.sessionStorage);
