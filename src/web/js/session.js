// Who is logged in, shared by the pages. The session itself is the HttpOnly cookie; the page
// keeps only the user and the CSRF token the API gave it.
import {api, setCsrfToken} from './api.js';

export const session = {user: null, expiresAt: null};

// Restores the session of the cookie, if any. Returns the user or null.
export async function restoreSession() {
    try {
        const me = await api('GET', '/session');
        adopt(me);
        return session.user;
    } catch {
        return null;
    }
}

// Logs in; throws ApiError (401 wrong credentials, 429 locked, 400 ...).
export async function login(username, password) {
    const r = await api('POST', '/session', {body: {username, password}});
    adopt(r);
    return session.user;
}

export async function logout() {
    try {
        await api('DELETE', '/session');
    } finally {
        session.user = null;
        setCsrfToken('');
    }
}

function adopt(r) {
    session.user = r.user;
    session.expiresAt = r.expires_at;
    setCsrfToken(r.csrf_token);
}
