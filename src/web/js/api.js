// The JSON API client: same-origin fetch with the session cookie, X-CSRF-Token on every write,
// and every failure turned into an ApiError with a Vietnamese message.
import {codeMessage} from './messages.js';

const BASE = '/api/v1';
let csrfToken = '';
let onUnauthenticated = () => {};

// An error from the API (or from the network: status 0, code "network"). details: [{path,
// message}] as the server sent them. hint: what to do, when the page knows better than the
// code's usual advice (messages.js codeHint). body: the whole parsed answer of a refused
// upload (the archive import's report comes with its 400), else undefined.
export class ApiError extends Error {
    constructor(status, code, message, details = []) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
        this.hint = undefined;
        this.body = undefined;
    }
}

export function setCsrfToken(token) {
    csrfToken = token || '';
}

// Called (with the ApiError) when a request other than a login gets 401: the session ended.
export function setUnauthenticatedHandler(handler) {
    onUnauthenticated = handler;
}

// api('GET', '/units') -> parsed JSON (null for 204). body: a plain object (sent as JSON), or a
// Blob/File/string sent as it is (the criteria import sends the file's bytes untouched).
// query: object of query parameters (undefined/null/'' values left out). Throws ApiError.
export async function api(method, path, {body, query} = {}) {
    let url = BASE + path;
    if (query) {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
        const qs = params.toString();
        if (qs) url += '?' + qs;
    }
    const headers = {Accept: 'application/json'};
    if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken;
    let payload;
    if (body instanceof Blob || typeof body === 'string') {
        payload = body;
    } else if (body !== undefined) {
        payload = JSON.stringify(body);
        headers['Content-Type'] = 'application/json; charset=utf-8';
    }
    let response;
    try {
        response = await fetch(url, {method, headers, body: payload, credentials: 'same-origin', cache: 'no-store'});
    } catch {
        throw new ApiError(0, 'network', codeMessage('network'));
    }
    if (response.status === 204) return null;
    let data = null;
    try {
        data = await response.json();
    } catch {
        data = null;
    }
    if (response.ok) return data;
    const error = errorOf(response.status, data);
    const isLogin = path === '/session' && method === 'POST';
    if (response.status === 401 && !isLogin) onUnauthenticated(error);
    return Promise.reject(error);
}

// The ApiError for an answer with status and parsed body data (null when not JSON).
function errorOf(status, data) {
    const e = data && data.error ? data.error : {};
    const code = e.code || (status >= 500 ? 'internal_error' : status === 413 ? 'too_large' : 'invalid_input');
    return new ApiError(status, code, e.message || codeMessage(code), Array.isArray(e.details) ? e.details : []);
}

// POSTs formData (multipart) to path with XMLHttpRequest, because fetch cannot report upload
// progress: onProgress(loaded, total) is called as the bytes leave. Resolves to the parsed JSON;
// rejects with an ApiError like api(). signal: an AbortSignal that cancels the upload (rejects
// with code "aborted").
export function upload(path, formData, {onProgress, signal} = {}) {
    return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', BASE + path);
        xhr.setRequestHeader('Accept', 'application/json');
        xhr.setRequestHeader('X-CSRF-Token', csrfToken);
        xhr.responseType = 'text';
        if (onProgress) xhr.upload.addEventListener('progress', e => onProgress(e.loaded, e.lengthComputable ? e.total : 0));
        xhr.addEventListener('load', () => {
            let data = null;
            try {
                data = JSON.parse(xhr.responseText);
            } catch {
                data = null;
            }
            if (xhr.status >= 200 && xhr.status < 300) {
                resolve(data);
                return;
            }
            const error = errorOf(xhr.status, data);
            error.body = data;
            if (xhr.status === 401) onUnauthenticated(error);
            reject(error);
        });
        xhr.addEventListener('error', () => reject(new ApiError(0, 'network', codeMessage('network'))));
        xhr.addEventListener('abort', () => reject(new ApiError(0, 'aborted', 'Đã hủy tải lên.')));
        if (signal) signal.addEventListener('abort', () => xhr.abort());
        xhr.send(formData);
    });
}

export const get = (path, query) => api('GET', path, {query});
export const post = (path, body, query) => api('POST', path, {body, query});
export const put = (path, body) => api('PUT', path, {body});
export const patch = (path, body) => api('PATCH', path, {body});
export const del = path => api('DELETE', path);
