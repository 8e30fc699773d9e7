import { newId } from '../ids.js';
import { type Actor, actorSchema, idSchema } from '../schemas/common.js';
import type { CreateProjectInput } from '../schemas/inputs.js';
import { parse } from '../schemas/parse.js';
import type { ProjectRecord } from '../store/records.js';
import type { StoreTx } from '../store/store.js';
import { notFound, requireActOn, requireActor } from './access.js';
import type { AuditAction } from './audit-trail.js';
import { snapshot } from './audit-trail.js';
import { mutate, type ServiceContext } from './context.js';
import type { Member, Project } from './views.js';

/** Projects and who is assigned to them (SPEC §4). A `user` sees and reads only the projects assigned to them. */
export interface ProjectService<R extends string = string> {
  create(actor: Actor, input: CreateProjectInput): Promise<Project>;
  /** Oldest first; for a role with an `assigned` grant, only the actor's projects. */
  list(actor: Actor): Promise<Project[]>;
  get(actor: Actor, projectId: string): Promise<Project>;
  rename(actor: Actor, projectId: string, name: string): Promise<Project>;
  /** Also removes its assignments and drops it from pending invitations. */
  delete(actor: Actor, projectId: string): Promise<void>;
  /** Idempotent: assigning twice changes nothing the second time. Answers the member as it now is. */
  assign(actor: Actor, projectId: string, userId: string): Promise<Member<R>>;
  /** Idempotent, like `assign`. */
  unassign(actor: Actor, projectId: string, userId: string): Promise<Member<R>>;
}

export function createProjectService<R extends string>(context: ServiceContext): ProjectService<R> {
  const { store, matrix, schemas, clock } = context;

  const record = (actor: Actor, action: AuditAction, projectId: string, at: Date) => ({
    organizationId: actor.organizationId,
    actorId: actor.userId,
    action,
    target: { targetType: 'project', targetId: projectId } as const,
    at,
  });

  async function loadProject(tx: StoreTx, actor: Actor, projectId: string): Promise<ProjectRecord> {
    const project = await tx.getProject(actor.organizationId, projectId);
    if (project === null) throw notFound('project');
    return project;
  }

  /** assign and unassign differ only in the store call and the audit action. */
  async function changeAssignment(rawActor: Actor, rawProjectId: string, rawUserId: string, assign: boolean) {
    const actor = parse(actorSchema, rawActor);
    const projectId = parse(idSchema, rawProjectId);
    const userId = parse(idSchema, rawUserId);
    const now = clock();
    return mutate(context, async (tx, audit) => {
      const resolved = await requireActor(tx, matrix, actor, 'projects:assign');
      await loadProject(tx, actor, projectId);
      const target = await tx.getMember(actor.organizationId, userId);
      if (target === null) throw notFound('member');
      requireActOn(matrix, resolved, target.role);
      const changed = assign
        ? await tx.assignProject({ organizationId: actor.organizationId, projectId, userId, createdAt: now })
        : await tx.unassignProject(actor.organizationId, projectId, userId);
      if (!changed) return target as Member<R>;
      const after = (await tx.getMember(actor.organizationId, userId))!;
      audit.record({
        ...record(actor, assign ? 'project.assigned' : 'project.unassigned', projectId, now),
        changes: { userId: assign ? { before: null, after: userId } : { before: userId, after: null } },
      });
      return after as Member<R>;
    });
  }

  return {
    async create(rawActor, input) {
      const actor = parse(actorSchema, rawActor);
      const { name } = parse(schemas.createProject, input);
      const now = clock();
      return mutate(context, async (tx, audit) => {
        await requireActor(tx, matrix, actor, 'projects:create');
        const project: ProjectRecord = {
          id: newId(),
          organizationId: actor.organizationId,
          name,
          createdAt: now,
          updatedAt: now,
        };
        await tx.insertProject(project);
        audit.record({
          ...record(actor, 'project.created', project.id, now),
          changes: snapshot(project, ['name'], 'created'),
        });
        return project;
      });
    },

    async list(rawActor) {
      const actor = parse(actorSchema, rawActor);
      const { scope } = await requireActor(store, matrix, actor, 'projects:read');
      return store.listProjects(actor.organizationId, scope === 'assigned' ? { assignedTo: actor.userId } : {});
    },

    async get(rawActor, rawProjectId) {
      const actor = parse(actorSchema, rawActor);
      const projectId = parse(idSchema, rawProjectId);
      await requireActor(store, matrix, actor, 'projects:read', projectId);
      return loadProject(store, actor, projectId);
    },

    async rename(rawActor, rawProjectId, rawName) {
      const actor = parse(actorSchema, rawActor);
      const projectId = parse(idSchema, rawProjectId);
      const name = parse(schemas.projectName, rawName);
      const now = clock();
      return mutate(context, async (tx, audit) => {
        await requireActor(tx, matrix, actor, 'projects:update', projectId);
        const before = await loadProject(tx, actor, projectId);
        if (before.name === name) return before;
        const after = await tx.updateProject(actor.organizationId, projectId, { name, updatedAt: now });
        if (after === null) throw notFound('project');
        audit.record({
          ...record(actor, 'project.renamed', projectId, now),
          changes: { name: { before: before.name, after: name } },
        });
        return after;
      });
    },

    async delete(rawActor, rawProjectId) {
      const actor = parse(actorSchema, rawActor);
      const projectId = parse(idSchema, rawProjectId);
      const now = clock();
      await mutate(context, async (tx, audit) => {
        await requireActor(tx, matrix, actor, 'projects:delete', projectId);
        const project = await loadProject(tx, actor, projectId);
        if (!(await tx.deleteProject(actor.organizationId, projectId))) throw notFound('project');
        audit.record({
          ...record(actor, 'project.deleted', projectId, now),
          changes: snapshot(project, ['name'], 'deleted'),
        });
      });
    },

    assign: (actor, projectId, userId) => changeAssignment(actor, projectId, userId, true),
    unassign: (actor, projectId, userId) => changeAssignment(actor, projectId, userId, false),
  };
}
