<?php
/**
 * Plugin Name: Wiredesk article id
 * Description: Keeps the Wiredesk article id with each post it publishes and lets Wiredesk find the post by it, so that publishing again updates the same post.
 * License: GPL-2.0-or-later
 *
 * Install as a must-use plugin: copy this file into wp-content/mu-plugins/.
 *
 * - Registers the post meta "wiredesk_article_id" (a string, one per post)
 *   in the REST API, writable by those who may edit the post.
 * - GET /wp/v2/posts?wiredesk_article_id=ID&status=any finds the post
 *   carrying that id (an empty list when there is none).
 */

add_action('init', function () {
  register_post_meta('post', 'wiredesk_article_id', [
    'type' => 'string',
    'single' => true,
    'show_in_rest' => true,
    'sanitize_callback' => 'sanitize_text_field',
    'auth_callback' => function ($allowed, $meta_key, $post_id) {
      return current_user_can('edit_post', $post_id);
    },
  ]);
});

add_filter('rest_post_query', function ($args, $request) {
  $id = $request->get_param('wiredesk_article_id');

  if (is_string($id) && $id !== '') {
    $args['meta_query'] = [[
      'key' => 'wiredesk_article_id',
      'value' => $id,
    ]];
  }
  return $args;
}, 10, 2);
