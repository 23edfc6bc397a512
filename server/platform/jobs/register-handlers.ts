import { dispatchMessageJob } from '../../modules/messaging/dispatch-message';
import { dispatchMessageJobType } from '../../modules/messaging/message-queue';
import { ocrExtractJob, ocrJobType } from '../../modules/messaging/scans/ocr-job';
import { autoCloseJob, autoCloseJobType } from '../../modules/requests/closure/auto-close';
import { markOverdueJob, markOverdueJobType } from '../../modules/requests/deadlines/mark-overdue';
import { sendEmailJobType, type OutgoingEmail } from '../mail/mailer';
import type { JobRunner } from './job-runner';

/** Every job type of the application, registered once per app. Modules add theirs here. */
export function registerJobHandlers(jobs: JobRunner): void {
  jobs.register(sendEmailJobType, async (job, ctx) => {
    await ctx.mailer.send(job.payload as unknown as OutgoingEmail);
  });
  jobs.register(markOverdueJobType, markOverdueJob);
  jobs.register(autoCloseJobType, autoCloseJob);
  jobs.register(ocrJobType, ocrExtractJob);
  jobs.register(dispatchMessageJobType, dispatchMessageJob);
}
