import { createUserBody, pageOf, updateUserBody, userDetail, userListQuery } from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import { createUser, getUser, listUsers, updateUser } from './users.service.js';

const idParams = z.object({ id: z.uuid() });

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/users',
    {
      config: { access: 'users:read' },
      schema: {
        tags: ['users'],
        summary: '用户列表 List users in your region',
        querystring: userListQuery,
        response: { 200: pageOf(userDetail) },
      },
    },
    async (req) => listUsers(contextOf(req), req.query),
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: 'users:write' },
      schema: {
        tags: ['users'],
        summary: '新建用户 Create a user',
        body: createUserBody,
        response: { 201: userDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await createUser(contextOf(req), req.body)),
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { access: 'users:read' },
      schema: { tags: ['users'], summary: '用户详情 Get a user', params: idParams, response: { 200: userDetail } },
    },
    async (req) => getUser(contextOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: 'users:write' },
      schema: {
        tags: ['users'],
        summary: '修改用户（角色、区划、停用、重置密码）Update, disable or reset a user',
        params: idParams,
        body: updateUserBody,
        response: { 200: userDetail },
      },
    },
    async (req) => updateUser(contextOf(req), req.params.id, req.body),
  );
};
