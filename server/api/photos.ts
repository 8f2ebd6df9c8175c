// Report photos (issue 6: "up to 3 photos (JPEG/PNG/WebP, at most 5 MB each, re-encoded in the
// browser to drop location metadata, checked by content on the server)"). A photo is sent on its
// own after the report is filed, as the raw image bytes (POST /api/reports/{reportId}/photos),
// and served back from GET /api/reports/{reportId}/photos/{photoId}. What a photo is, and whether
// it still says where it was taken, is the reports core's answer (inspectPhoto,
// hasLocationMetadata); this file reads HTTP, decides who may add one, and stores it.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  FINAL_STATUSES, IDEMPOTENCY_KEY_PATTERN, MAX_ID_LENGTH, MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REPORT, PHOTO_MEDIA_TYPES,
  hasLocationMetadata, inspectPhoto, may,
  type PhotoMediaType, type PhotoProblemCode, type Report, type ReportPhoto,
} from '../../src/domain/reports/index.ts';
import { PhotoLimitReached, ReportNotFound, type StoredPhoto } from '../db/repository.ts';
import type { Caller } from './caller.ts';
import type { ApiContext } from './options.ts';
import { notFound, readIdempotencyKey } from './reports.ts';
import { ApiFailure, errorResponse, type ApiResponse } from './responses.ts';
import type { ApiRoute, RouteRequest } from './router.ts';
import { listedReportFor } from './views.ts';

export const PHOTOS_PATH = '/api/reports/{reportId}/photos';
export const PHOTO_PATH = '/api/reports/{reportId}/photos/{photoId}';

/**
 * The header with which an anonymous resident proves they filed the report: the Idempotency-Key
 * the report was filed with. The report's id cannot serve as that proof, because GET /api/reports
 * lists every report's id to anyone; the filing key is never shown, and the app already keeps it
 * with the report in its offline queue.
 */
export const FILING_KEY_HEADER = 'Filing-Idempotency-Key';

/**
 * How long after filing an anonymous resident may still add photos: long enough for a phone that
 * was offline all day to send its queue, short enough that a stranger who learnt the key later
 * cannot add to a report reviewers are already working on. A project choice. The report must also
 * still be `submitted`: once reviewed, only accounts add photos.
 */
export const ANONYMOUS_PHOTO_WINDOW_MILLISECONDS = 24 * 60 * 60 * 1000;

/**
 * A photo may be kept by the browser for a day: photos never change (a new photo gets a new id),
 * but `private` keeps shared caches out and a day bounds how long a copy outlives a change of
 * who may see it.
 */
export const PHOTO_CACHE_CONTROL = 'private, max-age=86400';

/**
 * The status of each way inspectPhoto refuses a photo: a type we do not take is 415; a photo too
 * large 413; an empty, damaged or contradictory one is a request to correct (422).
 */
export const PHOTO_PROBLEM_STATUS: Readonly<Record<PhotoProblemCode, number>> = {
  empty: 422,
  too_large: 413,
  unsupported_type: 415,
  type_mismatch: 422,
  damaged: 422,
  invalid_dimensions: 422,
  dimensions_too_large: 422,
};

const FILE_EXTENSIONS: Readonly<Record<PhotoMediaType, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * The id of the photo sent to `reportId` with `idempotencyKey`: a UUID (version 8, RFC 9562
 * §5.8) made from a SHA-256 of both, so a retry names the photo it may already have stored,
 * and racing retries collide on the photo's primary key instead of storing it twice.
 */
export function photoIdFor(reportId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`bfmap report photo\n${reportId}\n${idempotencyKey}`, 'utf8').digest();
  // RFC 9562 §5.8: version 8 in the high nibble of byte 6, variant 10 in the two high bits of byte 8.
  digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x80;
  digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The declared media type, lower case without parameters; 415 unless it is one a photo may have. */
function declaredPhotoType(request: IncomingMessage): PhotoMediaType {
  const given = headerValue(request, 'content-type') ?? '';
  const mediaType = (given.split(';')[0] ?? '').trim().toLowerCase();
  if ((PHOTO_MEDIA_TYPES as readonly string[]).includes(mediaType)) return mediaType as PhotoMediaType;
  throw new ApiFailure(415, 'unsupported_media_type', {
    zh: `照片应以原始图像字节发送，Content-Type 为 ${PHOTO_MEDIA_TYPES.join('、')} 之一（收到的是“${given.slice(0, 100)}”）`,
    en: `Send the photo as the raw image bytes with Content-Type ${PHOTO_MEDIA_TYPES.join(', ')} (got "${given.slice(0, 100)}")`,
  }, { 'Accept-Post': PHOTO_MEDIA_TYPES.join(', ') });
}

const MEGABYTE = 1024 * 1024;

function photoTooLarge(limitBytes: number): ApiFailure {
  return new ApiFailure(413, 'photo_too_large', {
    zh: `照片不能超过 ${limitBytes / MEGABYTE} MB：请在应用中重新选择照片，应用会把它缩小`,
    en: `The photo must be ${limitBytes / MEGABYTE} MB or smaller: choose it again in the app, which makes it smaller`,
  // The rest of the body is not read, so the connection cannot carry another request.
  }, { Connection: 'close' });
}

/**
 * The request body, at most `limitBytes`: a declared Content-Length over the limit is refused
 * before anything is read, and a body without one (chunked) as soon as the bytes received pass the
 * limit, so a client sending gigabytes is stopped after a few megabytes. Reading stops there; the
 * answer closes the connection.
 */
export function readPhotoBody(request: IncomingMessage, limitBytes: number = MAX_PHOTO_BYTES): Promise<Buffer> {
  const declaredLength = Number(headerValue(request, 'content-length'));
  if (Number.isFinite(declaredLength) && declaredLength > limitBytes) return Promise.reject(photoTooLarge(limitBytes));
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let receivedBytes = 0;
    const stop = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      receivedBytes += chunk.length;
      if (receivedBytes > limitBytes) {
        stop();
        // Paused rather than destroyed: destroying the request would close the socket before the 413 is written.
        request.pause();
        reject(photoTooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      stop();
      resolvePromise(Buffer.concat(chunks, receivedBytes));
    };
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

/** How the caller may add photos to a report: as the anonymous resident who filed it, or as an account. */
type PhotoAuthority = 'anonymous_reporter' | 'account';

export function photoRoutes(context: ApiContext): ApiRoute[] {
  const { repository, now } = context;

  async function storedReport(reportId: string): Promise<Report | null> {
    return reportId.length > MAX_ID_LENGTH ? null : repository.getReport(reportId);
  }

  /**
   * Who may add photos: an account that may act on the report (`may(actor, 'transition', report)`:
   * inspectors, reviewers, admins, and the unit it is assigned to, which documents its fix), or
   * the anonymous resident who filed it, proved by the filing's Idempotency-Key. Anyone else is
   * asked to sign in (401) or told they may not (403).
   */
  async function authorityOf(caller: Caller, report: Report, request: IncomingMessage): Promise<PhotoAuthority> {
    if (caller.user !== null) {
      if (may(caller.actor, 'transition', report)) return 'account';
      throw new ApiFailure(403, 'not_allowed', {
        zh: '你的账号不能给这份报告添加照片（责任单位只能给分派给本单位的报告添加）',
        en: 'Your account cannot add photos to this report (a responsible unit only to reports assigned to it)',
      });
    }
    const filingKey = headerValue(request, FILING_KEY_HEADER);
    const proven = report.reporterId === null && filingKey !== undefined && IDEMPOTENCY_KEY_PATTERN.test(filingKey)
      && (await repository.findReportByIdempotencyKey(filingKey))?.id === report.id;
    if (proven) return 'anonymous_reporter';
    throw new ApiFailure(401, 'sign_in_required', {
      zh: `只有提交这份报告的人（在同一设备上，用提交时的 ${FILING_KEY_HEADER}）或登录的工作人员可以添加照片`,
      en: `Only whoever filed this report (from the same device, sending the ${FILING_KEY_HEADER} it was filed with) or signed-in staff can add photos`,
    });
  }

  /** Refuses a new photo the report can no longer take; a retry of a stored photo is not refused. */
  function checkReportTakesPhotos(report: Report, authority: PhotoAuthority): void {
    if (FINAL_STATUSES.includes(report.status)) {
      throw new ApiFailure(409, 'report_closed', {
        zh: '这份报告已经结束，不能再添加照片：如问题仍在，请提交新报告',
        en: 'This report has ended and takes no more photos: if the problem is still there, file a new report',
      });
    }
    const windowEnd = Date.parse(report.createdAt) + ANONYMOUS_PHOTO_WINDOW_MILLISECONDS;
    if (authority === 'anonymous_reporter' && (report.status !== 'submitted' || now().getTime() >= windowEnd)) {
      throw new ApiFailure(403, 'photo_window_closed', {
        zh: '不登录只能在提交后 24 小时内、审核之前添加照片：这份报告已超过期限或已在处理',
        en: 'Without an account, photos can be added only within 24 hours of filing and before review: this report is past that',
      });
    }
    if (report.photos.length >= MAX_PHOTOS_PER_REPORT) throw photoLimitReached();
  }

  function photoLimitReached(): ApiFailure {
    return new ApiFailure(409, 'photo_limit_reached', {
      zh: `每份报告最多 ${MAX_PHOTOS_PER_REPORT} 张照片，这份报告已经有 ${MAX_PHOTOS_PER_REPORT} 张`,
      en: `A report can have at most ${MAX_PHOTOS_PER_REPORT} photos, and this one has ${MAX_PHOTOS_PER_REPORT}`,
    });
  }

  /** The answer to a retry: the photo stored first when the bytes are the same, 422 when the key was used for another photo. */
  function retryAnswer(stored: StoredPhoto, bytes: Uint8Array, reportId: string, caller: Caller, report: Report): ApiResponse {
    if (!Buffer.from(stored.bytes).equals(Buffer.from(bytes))) {
      // draft-ietf-httpapi-idempotency-key-header §2.7: a key reused with another payload is 422.
      throw new ApiFailure(422, 'idempotency_key_reused', {
        zh: '这个 Idempotency-Key 已用于另一张照片：新照片请生成新的键',
        en: 'This Idempotency-Key was used for another photo: make a new key for a new photo',
      });
    }
    return added(200, stored.photo, reportId, caller, report);
  }

  function added(status: 200 | 201, photo: ReportPhoto, reportId: string, caller: Caller, report: Report): ApiResponse {
    const location = `/api/reports/${encodeURIComponent(reportId)}/photos/${encodeURIComponent(photo.id)}`;
    return { status, body: { photo, report: listedReportFor(caller.actor, report) }, headers: { Location: location } };
  }

  async function addOne({ request, parameters, caller }: RouteRequest): Promise<ApiResponse> {
    const reportId = parameters.reportId ?? '';
    const report = await storedReport(reportId);
    if (!report) return notFound(reportId.slice(0, MAX_ID_LENGTH));
    const authority = await authorityOf(caller, report, request);
    const idempotencyKey = readIdempotencyKey(request);
    const declaredType = declaredPhotoType(request);
    const photoId = photoIdFor(report.id, idempotencyKey);
    const earlier = await repository.getPhotoBytes(report.id, photoId);
    // Refused before the bytes are read, unless this may be a retry of a photo already stored.
    if (!earlier) checkReportTakesPhotos(report, authority);
    const bytes = await readPhotoBody(request);
    if (earlier) return retryAnswer(earlier, bytes, report.id, caller, report);

    const inspection = inspectPhoto(bytes, declaredType);
    if (!inspection.ok) throw new ApiFailure(PHOTO_PROBLEM_STATUS[inspection.code], inspection.code, inspection.message);
    if (hasLocationMetadata(bytes)) {
      throw new ApiFailure(422, 'location_metadata', {
        zh: '照片中仍带有拍摄地点（GPS 信息）。本应用发送前会重新编码照片以去掉它：请在应用中重新选择照片，或在手机相机设置中关闭位置信息后重拍',
        en: 'The photo still says where it was taken (GPS metadata). The app re-encodes photos to remove it before sending: choose the photo again in the app, or turn off location in the camera settings and take it again',
      });
    }
    const photo: ReportPhoto = { id: photoId, mediaType: inspection.mediaType, byteLength: bytes.length };
    try {
      await repository.addPhoto(report.id, photo, bytes);
    } catch (error) {
      // A retry with the same key that arrived at the same time stored it first.
      const racing = await repository.getPhotoBytes(report.id, photoId);
      if (racing) return retryAnswer(racing, bytes, report.id, caller, (await repository.getReport(report.id)) ?? report);
      if (error instanceof PhotoLimitReached) throw photoLimitReached();
      if (error instanceof ReportNotFound) return notFound(report.id);
      throw error;
    }
    return added(201, photo, report.id, caller, (await repository.getReport(report.id)) ?? report);
  }

  /**
   * A photo is part of the report's public view: whoever may read the report (anyone with its
   * link, `read_report_public`) may see its photos. They carry no location (refused above) and no
   * identity of the reporter.
   */
  async function serveOne({ parameters, caller }: RouteRequest): Promise<ApiResponse> {
    const reportId = parameters.reportId ?? '';
    const report = await storedReport(reportId);
    if (!report) return notFound(reportId.slice(0, MAX_ID_LENGTH));
    if (!may(caller.actor, 'read_report_public', report)) {
      throw new ApiFailure(403, 'not_allowed', { zh: '你不能查看这份报告', en: 'You cannot see this report' });
    }
    const photoId = parameters.photoId ?? '';
    const stored = photoId.length > MAX_ID_LENGTH ? null : await repository.getPhotoBytes(report.id, photoId);
    if (!stored) {
      return errorResponse(404, 'photo_not_found', {
        zh: `这份报告没有编号为“${photoId.slice(0, MAX_ID_LENGTH)}”的照片`,
        en: `This report has no photo "${photoId.slice(0, MAX_ID_LENGTH)}"`,
      });
    }
    const { photo, bytes } = stored;
    return {
      status: 200,
      body: null,
      content: { bytes, contentType: photo.mediaType },
      cacheControl: PHOTO_CACHE_CONTROL,
      // The id is ours (photoIdFor), but only safe characters go into the header whatever it holds.
      headers: { 'Content-Disposition': `inline; filename="photo-${photo.id.replace(/[^A-Za-z0-9-]/g, '_')}.${FILE_EXTENSIONS[photo.mediaType]}"` },
    };
  }

  return [
    { path: PHOTOS_PATH, methods: { POST: addOne } },
    { path: PHOTO_PATH, methods: { GET: serveOne } },
  ];
}
