<?php
/* Loaded before every script of the throwaway site (php -d auto_prepend_file)
 * and by the router. The site directory is a farm of symlinks into
 * /usr/share/wordpress and PHP resolves symlinks in __DIR__, so WordPress
 * would take /usr/share/wordpress (and Debian's wp-config.php, which reads
 * /etc/wordpress) for its root. Naming the root here keeps it in the site
 * directory. */
if (!defined('ABSPATH'))
  define('ABSPATH', __DIR__ . '/site/');
