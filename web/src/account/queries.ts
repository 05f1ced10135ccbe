/** The GraphQL documents of signing in and of one's own session (server: graphql/features/auth.ts). */

const USER = 'username displayName role jurisdiction permissions idleSeconds';
const PAYLOAD = `step token expiresAt challenge recoveryCodes
  user { ${USER} }
  enrolment { secret uri qrSvg }
  passwordRules { minLength minClasses forbidUsername historyCount maxAgeDays }`;

export const LOGIN = /* GraphQL */ `
  mutation SignIn($username: String!, $password: String!) {
    login(username: $username, password: $password) { ${PAYLOAD} }
  }
`;

export const CONTINUE_SIGN_IN = /* GraphQL */ `
  mutation ContinueSignIn($challenge: String!, $code: String, $newPassword: String) {
    continueSignIn(challenge: $challenge, code: $code, newPassword: $newPassword) { ${PAYLOAD} }
  }
`;

export const RENEW_TOKEN = /* GraphQL */ `
  mutation RenewToken {
    renewToken { token expiresAt user { ${USER} } }
  }
`;

export const LOGOUT = /* GraphQL */ `
  mutation SignOut {
    logout
  }
`;

export const CHANGE_PASSWORD = /* GraphQL */ `
  mutation ChangeOwnPassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`;

export const PASSWORD_RULES = /* GraphQL */ `
  query PasswordRules {
    passwordRules {
      minLength
      minClasses
      forbidUsername
      historyCount
      maxAgeDays
    }
  }
`;

export const ME = /* GraphQL */ `
  query Me {
    me { ${USER} }
  }
`;
