# coloop — español (neutro latinoamericano). Cada frase que lee una persona. El texto es HTML de
# Telegram de confianza; todo valor que vino de una persona llega ya escapado. Los nombres de los
# comandos (/help) no se traducen.

# El nombre del idioma en el propio idioma, en los botones de /language.
language-name = Español

## Unirse

consent =
    ¡Hola! 👋 Te invitamos al grupo de trabajo <b>{ $group }</b> como { $role ->
        [facilitator] persona facilitadora
       *[member] integrante
    }.

    coloop te comparte lo que produce el grupo de trabajo, te hace preguntas cortas y le hace llegar al grupo tus respuestas y comentarios.

    <b>Qué guardamos:</b> tu id de Telegram, tu nombre, tu @usuario y tu idioma, los grupos en los que estás y, más adelante, tus respuestas y comentarios. <b>Quién lo ve:</b> las personas que facilitan tus grupos y quienes coordinan la plataforma. Puedes salir de un grupo cuando quieras con /leave.

    ¿Estás de acuerdo?
consent-agree-button = ✅ Acepto
consent-decline-button = No, gracias
consent-accepted = ✅ Aceptaste. ¡Gracias!
consent-accepted-toast = ¡Gracias!
declined-toast = De acuerdo
declined = No hay problema: no guardamos nada sobre ti. Si cambias de opinión, abre otra vez el enlace de invitación.
joined-new =
    🎉 Te uniste al grupo de trabajo <b>{ $group }</b> como { $role ->
        [facilitator] persona facilitadora
       *[member] integrante
    }.

    Aquí vas a recibir los resultados de sus sesiones. Envía /help para ver lo que puedes hacer.
joined-promoted = Ahora <b>facilitas</b> el grupo de trabajo <b>{ $group }</b>. Envía /help para ver lo que pueden hacer quienes facilitan.
joined-already = { $role ->
        [facilitator] Ya facilitas el grupo de trabajo <b>{ $group }</b>.
       *[member] Ya eres integrante del grupo de trabajo <b>{ $group }</b>.
    }
unknown-code = Lo siento, ese enlace de invitación no es válido (o ya no lo es). Pídele un enlace nuevo a quien facilita tu grupo.
archived = El grupo de trabajo <b>{ $group }</b> está archivado y ya no recibe integrantes nuevos.
stale-invite-toast = Esta invitación ya no es válida.
welcome =
    ¡Te damos la bienvenida a <b>coloop</b>! 👋

    Conecto a las personas de la comunidad con los grupos de trabajo que crean en conjunto soluciones para su barrio: comparto lo que producen los grupos, hago preguntas cortas y les hago llegar tus opiniones.

    Para unirte a un grupo de trabajo, abre el enlace de invitación que te compartió quien lo facilita. Envía /help para ver lo que puedes hacer.
welcome-back = ¡Qué bueno verte de nuevo! Estás en { $count ->
        [one] { $count } grupo de trabajo
       *[other] { $count } grupos de trabajo
    }. Envía /groups para verlos, o /help.

## Ayuda

help-everyone =
    <b>Lo que puedes hacer</b>
    /start — unirte a un grupo de trabajo (abre su enlace de invitación)
    /groups — tus grupos de trabajo y tu rol en cada uno
    /help — esta lista
    /language — elegir el idioma en el que te escribo
    /privacy — qué guardo sobre ti y por qué; /mydata — todo eso en un archivo; /forget — borrarlo
help-member =
    /leave &lt;grupo&gt; — salir de un grupo de trabajo
    /comment [grupo] &lt;texto&gt; — compartir un comentario con tu grupo de trabajo
    Responde a cualquier mensaje que te envié para comentarlo: textos, notas de voz y fotos son bienvenidos.
    Las encuestas llegan de a una pregunta: responde con los botones (o escribiendo, en las preguntas abiertas); pulsa otro botón para cambiar una respuesta.
    /stop [grupo] — pausar las publicaciones (o simplemente escribe STOP); /resume — volver a recibirlas
help-facilitator =
    <b>Si facilitas un grupo</b>
    /outcome &lt;grupo&gt; &lt;título&gt; — compartir el resultado de una sesión (el resumen en las líneas siguientes)
    /prototype &lt;grupo&gt; &lt;categoría&gt; &lt;título&gt; — compartir el resumen de un prototipo
    /ask &lt;grupo&gt; &lt;pregunta&gt; — hacerles una pregunta de escucha a las personas del grupo
    /comments &lt;grupo&gt; [número de publicación] — los comentarios más recientes
    /hide &lt;número de comentario&gt; — ocultar un comentario de las listas y los resúmenes
    /link &lt;grupo&gt; — dentro de un grupo de Telegram: publicar ahí también las novedades de tu grupo (/unlink lo detiene)
    /status [grupo] — las últimas publicaciones de tu grupo y cómo va su entrega
    /survey &lt;grupo&gt; &lt;título&gt; — una encuesta corta, una pregunta por línea (envía /survey para ver la sintaxis)
    /closesurvey &lt;número&gt; — cerrar una encuesta antes
    /digest [grupo] [días] — lo que escuchó tu grupo: integrantes, publicaciones, comentarios
    /invite &lt;grupo&gt; — el enlace de invitación para integrantes de tu grupo
help-coordinator =
    <b>Si coordinas la plataforma</b>
    /newgroup &lt;slug&gt; &lt;nombre&gt; — crear un grupo de trabajo (su desafío en las líneas siguientes)
    /invite &lt;grupo&gt; — los dos enlaces de invitación de cualquier grupo
    /groups — también muestra todos los grupos de trabajo
    /digest [grupo] [días] — el resumen de cualquier grupo, o de todos
    /export [grupo] — archivos CSV de respuestas de encuestas, comentarios y entregas
help-nobody = Todavía no estás en ningún grupo de trabajo: abre el enlace de invitación que te compartió quien lo facilita.

## El menú de comandos (setMyCommands): corto, texto simple

menu-start = Unirte a un grupo de trabajo
menu-groups = Tus grupos de trabajo
menu-help = Lo que puedes hacer
menu-leave = Salir de un grupo de trabajo
menu-invite = Enlace de invitación de un grupo (facilitación)
menu-outcome = Compartir el resultado de una sesión (facilitación)
menu-prototype = Compartir el resumen de un prototipo (facilitación)
menu-status = Entrega de las publicaciones de tu grupo (facilitación)
menu-comment = Compartir un comentario con tu grupo de trabajo
menu-ask = Hacer una pregunta al grupo (facilitación)
menu-comments = Comentarios recientes (facilitación)
menu-hide = Ocultar un comentario (facilitación)
menu-link = Vincular este grupo de Telegram a un grupo de trabajo (facilitación)
menu-unlink = Desvincular este grupo de Telegram (facilitación)
menu-stop = Pausar las publicaciones (o escribe STOP)
menu-resume = Volver a recibir publicaciones
menu-language = Elegir tu idioma
menu-privacy = Qué guarda coloop sobre ti
menu-mydata = Todo lo que se guarda sobre ti, en un archivo
menu-forget = Borrar todo lo que se guarda sobre ti
menu-newgroup = Crear un grupo de trabajo (coordinación)

## Idioma

language-choose = ¿En qué idioma quieres que te escriba?
language-set = ✅ Listo, desde ahora te escribo en español.
language-set-toast = Español
language-not-stored = Todavía no puedo recordar tu elección: no guardo nada sobre ti antes de que te unas a un grupo de trabajo. Mientras tanto te escribo en el idioma de tu aplicación de Telegram; cuando te hayas unido, envía /language otra vez.

## Grupos

no-groups = Todavía no estás en ningún grupo de trabajo. Abre el enlace de invitación que te compartió quien lo facilita para unirte.
my-groups-title = <b>Tus grupos de trabajo</b>
my-groups-line = • <b>{ $group }</b> (<code>{ $slug }</code>) — { $role ->
        [facilitator] persona facilitadora
       *[member] integrante
    }
all-groups-none =
    <b>Todos los grupos de trabajo</b>
    Todavía no hay ninguno: crea uno con /newgroup.
all-groups-title = <b>Todos los grupos de trabajo</b> (coordinas la plataforma)
all-groups-line = • <b>{ $group }</b> (<code>{ $slug }</code>) — { $members ->
        [one] { $members } integrante
       *[other] { $members } integrantes
    }, { $facilitators ->
        [one] { $facilitators } persona facilitadora
       *[other] { $facilitators } personas facilitadoras
    }{ $archived ->
        [yes] { " " }· archivado
       *[no] { "" }
    }
left = Saliste de <code>{ $slug }</code>. Ya no vas a recibir sus mensajes. Para volver, abre otra vez su enlace de invitación.
not-in-group = No estás en un grupo de trabajo llamado <code>{ $slug }</code>. Envía /groups para ver los tuyos.
group-created =
    ✅ Se creó el grupo de trabajo <b>{ $group }</b> (<code>{ $slug }</code>).

    <b>Enlace de invitación para integrantes</b>: compártelo con la comunidad:
    { $member-link }

    <b>Enlace de invitación para facilitación</b>: solo para quienes facilitan el grupo:
    { $facilitator-link }
slug-taken = Ya existe un grupo de trabajo llamado <code>{ $slug }</code>. Elige otro nombre corto.
invite-member-link =
    <b>{ $group }</b>

    <b>Enlace de invitación para integrantes</b>: compártelo con la comunidad:
    { $link }
invite-facilitator-link =
    <b>Enlace de invitación para facilitación</b>: solo para quienes facilitan:
    { $link }
unknown-group = No hay ningún grupo de trabajo llamado <code>{ $slug }</code>. Envía /groups para verlos todos.

## Publicaciones

category-community = Acción comunitaria
category-sme = Acción de pequeñas y medianas empresas
category-large-scale = Acción a gran escala
category-public-service = Acción de servicio público (servicios, políticas, regulación)
status-idea = Idea
status-prototyping = En prototipo
status-testing = En prueba
status-adopted = Adoptado
status-discarded = Descartado
kind-outcome = Resultado de sesión
kind-prototype = Prototipo
kind-question = Pregunta
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
month-short-1 = ene
month-short-2 = feb
month-short-3 = mar
month-short-4 = abr
month-short-5 = may
month-short-6 = jun
month-short-7 = jul
month-short-8 = ago
month-short-9 = sept
month-short-10 = oct
month-short-11 = nov
month-short-12 = dic
# Una fecha, p. ej. "20 de noviembre de 2026".
date = { $day } de { $month } de { $year }
# Un momento, p. ej. "20 nov 14:05".
date-time = { $day } { $month } { $time }
post-outcome-header =
    📣 <b>Resultado de sesión · { $group }</b>
    <b>{ $title }</b>
post-session-date = <i>Sesión del { $date }</i>
post-prototype-header =
    🧪 <b>Prototipo · { $group }</b>
    <b>{ $title }</b>
    { $category } · estado: <b>{ $status }</b>
post-question-header = ❓ <b>Una pregunta del grupo de trabajo { $group }</b>
post-reply-hint = <i>↩️ Responde a este mensaje para comentar.</i>
preview-send-button = 📤 Enviar
preview-cancel-button = ✖️ Cancelar
preview-control =
    { $parts ->
        [one] ☝️ Esta es la vista previa, tal como la verán las personas del grupo.
       *[other] ☝️ Esta es la vista previa, tal como la verán las personas del grupo ({ $parts } mensajes).
    }
    ¿La envío al grupo de trabajo <b>{ $group }</b>: { $recipients ->
        [one] { $recipients } persona
       *[other] { $recipients } personas
    }{ $chats ->
        [0] { "" }
        [one] { " " }y 1 grupo de Telegram vinculado
       *[other] { " " }y { $chats } grupos de Telegram vinculados
    }?
broadcast-queued = 📤 Enviado al grupo de trabajo <b>{ $group }</b>: va en camino a { $recipients ->
        [one] { $recipients } persona
       *[other] { $recipients } personas
    }. Con /status puedes ver cómo va la entrega.
broadcast-queued-toast = Enviando…
already-sent-toast = Ya se envió: sale una sola vez.
draft-cancelled-toast = Este borrador se canceló.
cancelled = ✖️ Cancelado: no se envió nada.
cancelled-toast = Cancelado
not-your-draft = Solo quien escribió esta publicación puede enviarla.
status-title = <b>Últimas publicaciones · { $group }</b>
status-nothing = Todavía no se envió nada. Comparte el resultado de una sesión con /outcome.
status-post =
    #{ $id } { $kind } — <b>{ $title }</b> ({ $when } UTC)
       ✅ enviados: { $sent } · ⏳ pendientes: { $pending } · ⚠️ fallidos: { $failed } · 🚫 bloqueados: { $blocked }
which-group = ¿Qué grupo? Envía <code>/status &lt;grupo&gt;</code>
which-group-yours = ¿Qué grupo? Envía <code>/status &lt;grupo&gt;</code>. Los tuyos: { $groups }

## Comentarios

comment-thanks-post = 🙏 ¡Gracias! Lo compartí con el grupo de trabajo <b>{ $group }</b>, como respuesta a “{ $title }”.
comment-thanks = 🙏 ¡Gracias! Lo compartí con el grupo de trabajo <b>{ $group }</b>.
anonymous-button = 🙈 No mostrar mi nombre
anonymous-done = 🙈 Tu nombre está oculto en este comentario en todas las listas, resúmenes y exportaciones.
anonymous-toast = Tu nombre está oculto en este comentario.
which-post = ¿Sobre qué publicación es esto?
general-comment-label = 💬 Comentario general para { $group }
comment-which-group = ¿Para qué grupo es esto? Envía <code>/comment &lt;grupo&gt; &lt;tu comentario&gt;</code>. Los tuyos: { $groups }
not-in-any-group = Todavía no estás en ningún grupo de trabajo, así que no hay con quién compartir esto. Abre el enlace de invitación que te compartió quien lo facilita para unirte. Envía /help para ver lo que puedes hacer.
no-longer-in-group = Ya no estás en el grupo de trabajo <b>{ $group }</b>, así que no puedo hacer llegar esto. Abre su enlace de invitación para volver a unirte.
slow-down = Estás enviando muchos comentarios seguidos 🙂. Espera un minuto, por favor. No guardé este último; envíalo otra vez en un momento.
media-voice = nota de voz
media-audio = audio
media-photo = foto
media-document = documento
media-video-note = videomensaje
media-video = video
comments-title = <b>Comentarios recientes · { $group }</b>
comments-none = Todavía no hay comentarios.
comment-anonymous = anónimo
comment-on-post = { " " }sobre #{ $id } “{ $title }”
comment-general = { " " }(general)
comments-line =
    <b>#{ $id }</b> { $author }, { $when }{ $about }:
    { $content }
comments-hide-hint = Oculta uno con <code>/hide &lt;número&gt;</code>.
hidden = El comentario #{ $id } quedó oculto en las listas y los resúmenes. Se conserva como registro.
unknown-comment = No existe el comentario #{ $id }.
new-comments = 💬 { $count ->
        [one] { $count } comentario nuevo
       *[other] { $count } comentarios nuevos
    } en <b>{ $group }</b>:
new-comments-read = Léelos con <code>/comments { $slug }</code>.

## Grupos de Telegram vinculados

linked = 🔗 Vinculado: lo que comparta el grupo de trabajo <b>{ $group }</b> también se publicará { $topic ->
        [yes] en este tema
       *[no] aquí
    }. Respondan a esas publicaciones aquí para comentar; /unlink lo detiene.
linked-elsewhere = Este chat ya está vinculado a <code>{ $slug }</code>. Envía /unlink primero.
unlinked = 🔗 Desvinculado: las publicaciones del grupo de trabajo ya no aparecerán aquí.
not-linked = Este chat no está vinculado a ningún grupo de trabajo.
link-in-a-group = Envía /link dentro del grupo de Telegram que quieres vincular a tu grupo de trabajo.
group-comment-thanks = 🙏 ¡Gracias, { $name }! Lo compartí con el grupo de trabajo <b>{ $group }</b>.
consent-first-in-private = ¡Gracias, { $name }! Antes de que pueda hacerle llegar tus comentarios al grupo de trabajo, necesito que aceptes una vez en un chat privado conmigo: { $link }

## Derechos de las personas

paused-all = ⏸ En pausa: no vas a recibir publicaciones ni preguntas de ningún grupo de trabajo. Envía /resume cuando quieras recibirlas otra vez.
already-paused = Ya tenías todo en pausa. Envía /resume para volver a recibir publicaciones.
paused-group = ⏸ <code>{ $slug }</code> en pausa: no vas a recibir publicaciones ni preguntas de ese grupo. Envía <code>/resume { $slug }</code> para deshacerlo.
resumed = ▶️ ¡Qué bueno tenerte de vuelta! Vas a recibir otra vez las publicaciones de tus grupos de trabajo.
nothing-to-resume = No había nada en pausa.
resumed-group = ▶️ <code>{ $slug }</code> reanudado.
resumed-group-still-paused = ▶️ <code>{ $slug }</code> reanudado. También tienes todo en pausa: envía /resume para volver a recibir publicaciones.
nothing-stored = No guardo nada sobre ti: no te has unido a ningún grupo de trabajo.
privacy =
    <b>Qué guarda coloop sobre ti, y por qué</b>
    • Tu id de Telegram, tu nombre, tu @usuario y tu idioma, y cuándo aceptaste esto: para saber quién eres (quienes facilitan tus grupos pueden encontrarte por tu nombre o tu @usuario).
    • Los grupos de trabajo en los que estás y tu rol: para enviarte sus publicaciones.
    • Qué publicaciones se te enviaron, y cuándo: para que nada se envíe dos veces ni se pierda.
    • Tus comentarios (el texto, y el id de Telegram de tus notas de voz y fotos): para hacerlos llegar.
    • Tus respuestas a encuestas, y hasta dónde llegaste en cada una: para contarlas y recordártelas. En una encuesta anónima tus respuestas se guardan de modo que nadie pueda saber que son tuyas; solo que participaste.

    <b>Quién lo ve:</b> las personas que facilitan tus grupos y quienes coordinan la plataforma. Un comentario se muestra con tu nombre hasta que pulses «No mostrar mi nombre» bajo mi agradecimiento: desde entonces nadie lo ve con tu nombre, pero quien facilita y lo miró antes (o, en un chat de grupo vinculado, cualquiera allí) pudo verlo.
    <b>Por cuánto tiempo:</b> hasta que me pidas que te olvide (/forget). Salir de un grupo detiene sus publicaciones, pero conserva lo que ya compartiste; la plataforma también puede borrar los comentarios antiguos después de cierta cantidad de días.

    <b>Lo que puedes controlar</b>
    /stop — pausar todas las publicaciones (o <code>/stop &lt;grupo&gt;</code> para un solo grupo); /resume lo deshace
    /language — el idioma en el que te escribo
    /mydata — un archivo con todo lo que guardo sobre ti
    /forget — borrar todo lo que guardo sobre ti. Los conteos ya informados (p. ej. a cuántas personas llegó una publicación) quedan como estaban, sin ti en ellos.
mydata-caption = Todo lo que coloop guarda sobre ti.
forget-confirm = Esto borra todo lo que guardo sobre ti: tu perfil, tus membresías, el registro de las publicaciones que se te enviaron y todos tus comentarios. No se puede deshacer. ¿Seguro que quieres hacerlo?
forget-yes = 🗑 Sí, olvídame
forget-no = No, consérvalo
forgotten = 🗑 Listo: borré todo lo que guardaba sobre ti. Si algún día quieres volver a participar, abre un enlace de invitación y empieza de nuevo.
not-forgotten = No se borró nada.

## Permisos

coordinators-only = Lo siento, solo quienes coordinan la plataforma pueden hacer eso.
facilitators-only = Lo siento, solo quienes facilitan <code>{ $slug }</code> (y quienes coordinan) pueden hacer eso.
facilitators-only-command = Lo siento, solo quienes facilitan un grupo de trabajo (y quienes coordinan) pueden hacer eso.

## Datos mal escritos

usage-start = Uso: <code>/start</code>, o abre un enlace de invitación.
usage-help = Uso: <code>/help</code>
usage-groups = Uso: <code>/groups</code>
usage-leave = Uso: <code>/leave &lt;grupo&gt;</code>, p. ej. <code>/leave acceso-al-agua</code>
usage-invite = Uso: <code>/invite &lt;grupo&gt;</code>, p. ej. <code>/invite acceso-al-agua</code>
usage-outcome =
    Uso: <code>/outcome &lt;grupo&gt; &lt;título&gt;</code>, y el resumen en las líneas siguientes, p. ej.
    <code>/outcome acceso-al-agua Sesión 3: tanques de lluvia
    date: 2026-11-20
    Acordamos construir tres tanques de agua de lluvia junto a la escuela.</code>
    La línea <code>date:</code> (la fecha de la sesión) es opcional. Una línea <code>answers: 12</code> avisa a quienes comentaron la publicación #12 que esto es lo que resultó de ella.
usage-prototype =
    Uso: <code>/prototype &lt;grupo&gt; &lt;categoría&gt; &lt;título&gt;</code>, y el resumen en las líneas siguientes, p. ej.
    <code>/prototype acceso-al-agua public_service Quioscos de agua
    status: testing
    Dos quioscos a cargo del municipio, abiertos de 6 a 10 de la mañana.</code>
    Categorías: <code>community</code>, <code>sme</code>, <code>large_scale</code>, <code>public_service</code>. Estado (opcional, por defecto idea): <code>idea</code>, <code>prototyping</code>, <code>testing</code>, <code>adopted</code>, <code>discarded</code>. Publicar otra vez el mismo título actualiza ese prototipo.
usage-status = Uso: <code>/status &lt;grupo&gt;</code>, p. ej. <code>/status acceso-al-agua</code>
usage-ask =
    Uso: <code>/ask &lt;grupo&gt; &lt;pregunta&gt;</code>, p. ej. <code>/ask acceso-al-agua ¿Dónde ponemos el primer tanque?</code>
    Las personas del grupo responden contestando al mensaje.
usage-comment = Uso: <code>/comment &lt;grupo&gt; &lt;tu comentario&gt;</code> (puedes omitir el grupo si estás en uno solo)
usage-comments = Uso: <code>/comments &lt;grupo&gt; [número de publicación]</code>, p. ej. <code>/comments acceso-al-agua</code>
usage-hide = Uso: <code>/hide &lt;número de comentario&gt;</code>, p. ej. <code>/hide 12</code>
usage-link = Uso, dentro del grupo de Telegram que quieres vincular: <code>/link &lt;grupo&gt;</code>, p. ej. <code>/link acceso-al-agua</code>
usage-unlink = Uso, dentro de un grupo de Telegram vinculado: <code>/unlink</code>
usage-stop = Uso: <code>/stop</code> para pausar todo, o <code>/stop &lt;grupo&gt;</code> para un solo grupo
usage-resume = Uso: <code>/resume</code>, o <code>/resume &lt;grupo&gt;</code> para un solo grupo
usage-language = Uso: <code>/language</code>, y luego toca el botón de tu idioma
usage-privacy = Uso: <code>/privacy</code>
usage-mydata = Uso: <code>/mydata</code>
usage-forget = Uso: <code>/forget</code>
usage-newgroup =
    Uso: <code>/newgroup &lt;slug&gt; &lt;nombre&gt;</code>, y el desafío en las líneas siguientes, p. ej.
    <code>/newgroup acceso-al-agua Agua para todas las familias
    Cada hogar a menos de 200 m de agua segura.</code>
    El slug es el nombre corto que se usa en los comandos: de 3 a 32 caracteres, a–z, 0–9 y '-'.

# Por qué no se pudo leer un comando: { $command } es el comando con su barra.
problem-missing-argument = A { $command } le faltan datos
problem-too-many-arguments = { $command } recibió más datos de los que usa
problem-bad-slug = { $command }: { $problem }
problem-bad-name = { $command }: el nombre: { $problem }
problem-bad-challenge = { $command }: la descripción: { $problem }
problem-bad-title = { $command }: el título: { $problem }
problem-bad-summary = { $command }: el resumen en las líneas después del comando: { $problem }
problem-bad-category = { $command }: “{ $raw }” no es una categoría; usa community, sme, large_scale o public_service
problem-bad-status = { $command }: “{ $raw }” no es un estado; usa idea, prototyping, testing, adopted o discarded
problem-bad-date = { $command }: “{ $raw }” no es una fecha; escríbela como AAAA-MM-DD
problem-bad-number = { $command }: “{ $raw }” no es un número
slug-too-short = el nombre de un grupo en los comandos necesita al menos 3 caracteres
slug-too-long = el nombre de un grupo en los comandos tiene como máximo 32 caracteres
slug-bad-char = el nombre de un grupo en los comandos solo puede usar letras a–z, dígitos y '-' (encontré “{ $char }”)
slug-edge-hyphen = el nombre de un grupo en los comandos no puede empezar ni terminar con '-'
text-empty = está vacío
text-too-long = es demasiado largo (como máximo { $max } caracteres)
bad-input =
    { $problem }.

    { $usage }
unknown-command = No conozco el comando /{ $name }. Envía /help para ver lo que puedes hacer.
no-context = No sé bien qué hacer con eso. Envía /help para ver lo que puedes hacer.
private-only = Por favor, escríbeme en un chat privado: { $link }
stale-button = Este botón ya no es válido.
internal-error = Lo siento, algo salió mal de nuestro lado. Quedó registrado; por favor, inténtalo más tarde.

## Digests

digest-all-groups = todos los grupos de trabajo
digest-title =
    📊 <b>Resumen de lo escuchado · { $scope }</b>
    <i>{ $from } – { $to } ({ $days ->
        [one] el último día
       *[other] los últimos { $days } días
    })</i>
digest-members = <b>Integrantes:</b> { $total } ({ $joined } nuevos) · { $paused } en pausa · { $blocked } bloquearon el bot
digest-posts = <b>Publicaciones</b>
digest-no-posts = No hubo publicaciones en este período.
digest-post =
    { $kind } <b>{ $title }</b> ({ $group })
    <code>{ $bar }</code> { $percent } entregado ({ $sent }/{ $total }) · { $comments ->
        [one] 1 comentario
       *[other] { $comments } comentarios
    }
digest-comments = <b>Comentarios:</b> { $count }
digest-anonymous = anónimo
digest-comment = • { $when } — { $author }: { $text }
digest-comment-post = • { $when } — { $author } sobre “{ $title }”: { $text }
digest-which-group = ¿Qué grupo? Envía <code>/digest &lt;grupo&gt; [días]</code> — los tuyos: { $groups }
export-comments = 💬 Comentarios · { $scope } (CSV)
export-answers = 📋 Respuestas de encuestas · { $scope } (CSV; las encuestas anónimas van sin nombres)
export-deliveries = 📤 Entregas · { $scope } (CSV)
menu-digest = Resumen de lo escuchado (facilitación, coordinación)
menu-export = Archivos CSV de respuestas, comentarios y entregas (coordinación)
usage-digest = Uso: <code>/digest [grupo] [días]</code>, por ejemplo <code>/digest water-access 14</code> (por defecto, los últimos 7 días)
usage-export = Uso: <code>/export [grupo]</code> (todos los grupos si no lo indicas)
export-empty = Todavía no hay nada para exportar.

## You said, we did

you-said-we-did = 💬 <b>Diste tu opinión sobre { $titles }</b>: esto es lo que el grupo de trabajo hizo con ella.
preview-note-count = { $count ->
    [one] 1 de esas personas opinó sobre las publicaciones a las que responde y recibirá una nota personal.
   *[other] { $count } de esas personas opinaron sobre las publicaciones a las que responde y recibirán una nota personal.
}
not-answerable = <code>answers:</code> solo puede nombrar publicaciones que este grupo ya envió: { $ids } no es una de ellas. Envía /status para ver sus números.

## Surveys

menu-survey = Hacer una encuesta corta a los miembros (facilitación)
menu-closesurvey = Cerrar una encuesta (facilitación)
usage-survey =
    Uso: <code>/survey &lt;grupo&gt; &lt;título&gt;</code> y luego una pregunta por línea:
    <code>rating: ¿Qué tan útil es esto para tu hogar?</code>
    <code>yesno: ¿Ayudarías a construirlo?</code>
    <code>choice: ¿Dónde primero? | Escuela | Mercado | Clínica</code>
    <code>multi: ¿Qué días te vienen bien? | Lun | Mié | Sáb</code>
    <code>text: ¿Qué cambiarías?</code>
    Líneas opcionales: <code>for: 12</code> (primera línea: sobre la publicación #12 en lugar de la última), <code>anonymous</code>, <code>closes: 2026-12-01 18:00</code> o <code>closes: 3d</code>.
usage-closesurvey = Uso: <code>/closesurvey &lt;número de encuesta&gt;</code>, por ejemplo <code>/closesurvey 4</code>
survey-problems = ⚠️ No pude leer esta encuesta:
survey-problem-line = • línea { $line }: { $problem }
survey-problem = • { $problem }
survey-closes-past = • la hora de cierre ya pasó
survey-no-post = El grupo de trabajo <b>{ $group }</b> todavía no ha enviado nada sobre lo que preguntar: comparte una publicación con /outcome o /prototype primero.
survey-unknown-post = La publicación #{ $post } no es una publicación enviada por el grupo de trabajo <b>{ $group }</b>. /status muestra sus números.
survey-intro =
    📋 <b>Encuesta · { $group }</b>
    <b>{ $title }</b>
    Sobre: “{ $post }” · { $count ->
        [one] 1 pregunta
       *[other] { $count } preguntas
    }
survey-intro-anonymous = 🔒 Anónima: nadie puede ver quién dio cada respuesta.
survey-intro-closes = Abierta hasta { $when }.
survey-question = <b>{ $number }/{ $count }.</b> { $prompt }
survey-hint-rating = <i>1 = nada · 5 = muchísimo</i>
survey-hint-multi = <i>Elige todas las que correspondan y pulsa Listo.</i>
survey-hint-text = <i>↩️ Responde a este mensaje con tu respuesta.</i>
survey-text-placeholder = Tu respuesta
survey-yes = Sí
survey-no = No
survey-done = ✅ Listo
survey-continue = ▶️ Continuar
survey-your-answer = ✅ <i>Tu respuesta:</i> { $answer }
survey-thanks = 🙏 ¡Gracias! Tus respuestas a “{ $title }” llegan al grupo de trabajo <b>{ $group }</b>. Mientras la encuesta siga abierta puedes cambiarlas con los botones de arriba.
survey-reminder = ⏰ Al grupo de trabajo <b>{ $group }</b> le gustaría tener tus respuestas a “{ $title }”: es solo un minuto.
survey-preview-title = <b>La encuesta completa</b> (los miembros reciben una pregunta a la vez):
survey-preview-question = { $number }. [{ $kind }] { $prompt }
survey-preview-options = { "   " }{ $options }
survey-preview-control = ☝️ El primer mensaje de arriba es exactamente como llega la encuesta a los miembros. ¿Enviarla a { $recipients ->
        [one] { $recipients } persona
       *[other] { $recipients } personas
    } del grupo de trabajo <b>{ $group }</b>?
survey-queued = 📋 Encuesta #{ $id } enviada al grupo de trabajo <b>{ $group }</b>: en camino a { $recipients ->
        [one] { $recipients } persona
       *[other] { $recipients } personas
    }. Puedes cerrarla antes con /closesurvey { $id }.
survey-closed-toast = Esta encuesta está cerrada.
survey-not-member-toast = Solo los miembros de { $group } pueden responder esta encuesta.
survey-saved-toast = Guardado ✅
survey-pick-one-toast = Elige al menos una opción primero.
survey-closed = 🔒 La encuesta #{ $id } “{ $title }” está cerrada: ya no admite respuestas y se están quitando sus botones.
survey-already-closed = La encuesta #{ $id } ya estaba cerrada.
survey-unknown = No existe la encuesta #{ $id }.
survey-use-buttons = Responde esta pregunta de la encuesta con los botones que tiene debajo.
survey-use-continue = Pulsa Continuar debajo del recordatorio para seguir con la encuesta.
survey-expired = La hora de cierre de esta encuesta ya pasó: no se envió nada. Escríbela de nuevo con una hora de cierre posterior.
survey-preview-toast = Esta es la vista previa de tu encuesta: los miembros la responden en sus propios chats.
survey-nothing-waiting = Ya respondiste todas las preguntas de esta encuesta. ¡Gracias!
spec-unknown-kind = “{ $kind }” no es un tipo de pregunta: usa rating, yesno, choice, multi o text
spec-empty-prompt = la pregunta está vacía
spec-long-prompt = la pregunta tiene más de { $max } caracteres
spec-option-count = una pregunta de opciones necesita de { $min } a { $max } opciones después de la pregunta, separadas por |
spec-empty-option = una opción está vacía
spec-long-option = la opción “{ $option }” tiene más de { $max } caracteres
spec-duplicate-option = la opción “{ $option }” aparece dos veces
spec-bad-post = “for:” necesita un número de publicación, por ejemplo for: 12
spec-late-post = “for:” debe ser la primera línea
spec-bad-close = “closes:” necesita una fecha (2026-12-01), una fecha y hora (2026-12-01 18:00) o un plazo (3d, 12h)
spec-repeated = “{ $what }” aparece dos veces
spec-no-questions = una encuesta necesita al menos una pregunta
spec-too-many-questions = una encuesta tiene como máximo { $max } preguntas

## Digest: surveys, who responds, who is silent

digest-post-told = { "   " }💬 dijiste, hicimos: { $told ->
        [one] se avisó a 1 persona que opinó
       *[other] se avisó a { $told } personas que opinaron
    }
digest-chart-heading = #{ $id } { $title } · { $group }
digest-chart = 📊 Respuestas a “{ $title }”
digest-surveys = <b>Encuestas</b>
digest-survey =
    📋 #{ $id } <b>{ $title }</b> ({ $group }) — sobre “{ $post }”{ $anonymous ->
        [yes] { " " }· anónima
       *[no] { "" }
    }
    llegó a { $delivered } · respondieron { $respondents } · terminaron { $finished }
digest-question = <i>{ $number }. { $prompt }</i> — { $answers ->
        [one] 1 respuesta
       *[other] { $answers } respuestas
    } ({ $percent } de respuesta)
digest-mean = , media <b>{ $mean }</b>
digest-bar = <code>{ $bar }</code> { $label } { $percent } ({ $count })
digest-sample = { "   " }“{ $text }”
digest-equity = <b>Quién responde</b> (encuestas, por grupo y categoría)
digest-equity-other = otras publicaciones
digest-equity-line = <code>{ $bar }</code> { $group } · { $category }: { $percent } ({ $responded }/{ $invited })
digest-silent = 🔇 <b>{ $group }</b>: { $count ->
        [one] 1 miembro no comentó ni respondió
       *[other] { $count } miembros no comentaron ni respondieron
    } en todo el periodo

## Small marks (kept here so that every character people read comes from a catalogue)
forgotten-toast = 🗑
comment-anonymous-toast = 👍
post-icon-outcome = 📣
post-icon-prototype = 🧪
post-icon-question = ❓
quoted = “{ $text }”
bullet = • { $text }
more-lines = …
media-caption = #{ $id } — { $author }

## Survey buttons and marks
survey-button-chosen = ✅ { $label }
survey-button-ticked = ☑ { $label }
survey-button-unticked = ☐ { $label }
survey-rating = { $value } ★
survey-continue-toast = ▶️

## 13: working groups over time (members, roles, links, the group's end; audit)
link-replaced = Este enlace de invitación fue reemplazado. Pide el nuevo a tu facilitador.
my-groups-finished = Terminados: { $groups }
group-finished = El grupo de trabajo <b>{ $group }</b> ha terminado: ya no admite publicaciones, encuestas ni preguntas nuevas.
help-facilitator-groups =
    /members &lt;grupo&gt; — las personas del grupo, su rol y su estado
    /remove &lt;grupo&gt; [nombre o @usuario] — quitar a un miembro; /promote &lt;grupo&gt; — hacer cofacilitador a un miembro
    /rotate &lt;grupo&gt; — un enlace de invitación nuevo (el anterior deja de funcionar)
    /invite &lt;grupo&gt; [expires 7d] [uses 50] — un enlace que caduca o tiene un límite de usos
    /audit &lt;grupo&gt; [días] — quién cambió qué en tu grupo
help-coordinator-groups =
    /demote &lt;grupo&gt; — volver a hacer miembro a un facilitador
    /rotate &lt;grupo&gt; — enlaces nuevos de miembro y/o de facilitador
    /archive &lt;grupo&gt; — terminar un grupo (unas últimas palabras en las líneas siguientes); /unarchive &lt;grupo&gt; lo reabre
menu-members = Las personas de un grupo (facilitadores)
menu-remove = Quitar a alguien de un grupo (facilitadores)
menu-promote = Hacer cofacilitador a un miembro (facilitadores)
menu-demote = Volver a hacer miembro a un facilitador (coordinadores)
menu-rotate = Reemplazar los enlaces de invitación (facilitadores)
menu-archive = Terminar un grupo de trabajo (coordinadores)
menu-unarchive = Reabrir un grupo terminado (coordinadores)
menu-audit = Quién cambió qué en un grupo (facilitadores)
usage-members = Uso: <code>/members &lt;grupo&gt;</code>, p. ej. <code>/members water-access</code>
usage-remove = Uso: <code>/remove &lt;grupo&gt; [nombre o @usuario]</code>, p. ej. <code>/remove water-access Ana</code> o <code>/remove water-access @ana_p</code>
usage-promote = Uso: <code>/promote &lt;grupo&gt; [nombre o @usuario]</code>, p. ej. <code>/promote water-access Ana</code>
usage-demote = Uso: <code>/demote &lt;grupo&gt; [nombre o @usuario]</code>, p. ej. <code>/demote water-access Fede</code>
usage-rotate = Uso: <code>/rotate &lt;grupo&gt;</code>, p. ej. <code>/rotate water-access</code>
usage-archive = Uso: <code>/archive &lt;grupo&gt;</code>, y si quieres unas últimas palabras a los miembros en las líneas siguientes
usage-unarchive = Uso: <code>/unarchive &lt;grupo&gt;</code>, p. ej. <code>/unarchive water-access</code>
usage-audit = Uso: <code>/audit &lt;grupo&gt; [días]</code>, p. ej. <code>/audit water-access 30</code>
members-title = <b>Personas · { $group }</b> ({ $count })
members-none = Nadie se ha unido todavía a <b>{ $group }</b>.
members-line = • <b>{ $name }</b> — { $role ->
        [facilitator] facilitador/a
       *[member] miembro
    } · se unió el { $joined } · { $state ->
        [paused] en pausa
        [blocked] bloqueó el bot
        [left] salió
       *[active] activo/a
    } · { $comments } comentarios con nombre, { $surveys } encuestas con nombre
members-page = Página { $page } de { $pages }
page-previous = ◀
page-next = ▶
pick-remove = ¿A quién quito de <b>{ $group }</b>?
pick-promote = ¿A quién hago facilitador/a de <b>{ $group }</b>?
pick-demote = ¿Qué facilitador/a de <b>{ $group }</b> vuelve a ser miembro?
pick-nobody = Nadie en <b>{ $group }</b> puede elegirse para eso.
pick-no-match = Nadie en <b>{ $group }</b> se llama “{ $query }”.
remove-confirm = ¿Quitar a <b>{ $name }</b> de <b>{ $group }</b>? Recibirá un mensaje breve y nada más del grupo.
remove-button = Quitar
dismiss-button = ✖️ Cancelar
dismissed = No ha cambiado nada.
removed = <b>{ $name }</b> ya no está en <b>{ $group }</b>.
removed-notice = Ya no formas parte del grupo de trabajo <b>{ $group }</b>. Gracias por participar.
remove-facilitator-coordinators-only = Solo los coordinadores pueden quitar a un facilitador.
person-not-in-group = Esa persona ya no está en <b>{ $group }</b>.
promoted = <b>{ $name }</b> ahora es facilitador/a de <b>{ $group }</b>.
demoted = <b>{ $name }</b> ahora es miembro de <b>{ $group }</b>.
role-unchanged = <b>{ $name }</b> ya tiene ese rol.
promoted-notice = Ahora eres facilitador/a del grupo de trabajo <b>{ $group }</b>: puedes compartir resultados, prototipos y preguntas, hacer encuestas, leer los comentarios y el resumen e invitar a miembros. Envía /help para ver cómo.
demoted-notice = Ahora eres miembro del grupo de trabajo <b>{ $group }</b>, ya no facilitador/a. Envía /help para ver lo que puedes hacer.
rotate-choose = ¿Qué enlace de invitación de <b>{ $group }</b> reemplazo?
rotate-member-button = Enlace de miembro
rotate-facilitator-button = Enlace de facilitador
rotate-both-button = Los dos
rotated = Enlace(s) de invitación nuevo(s) para <b>{ $group }</b>; los anteriores ya no funcionan.
invite-limit = Este enlace de miembro { $expires ->
        [none] { "" }
       *[other] caduca el { $expires }
    }{ $uses ->
        [none] { "" }
       *[other] { " " }y puede usarse { $uses } veces
    }.
archive-confirm = ¿Archivar <b>{ $group }</b>? Entonces: no habrá publicaciones, encuestas ni preguntas nuevas; sus enlaces de invitación dejan de funcionar; sus encuestas abiertas se cierran; cada miembro recibe un mensaje de agradecimiento; sus datos se conservan para resúmenes y exportaciones.
archive-button = Archivar
archived-done = <b>{ $group }</b> está archivado; se avisó a { $count } personas.
archived-notice = El grupo de trabajo <b>{ $group }</b> ha terminado su trabajo. ¡Gracias por participar!
already-archived = <b>{ $group }</b> ya está archivado.
not-archived = <b>{ $group }</b> no está archivado.
unarchived = <b>{ $group }</b> vuelve a estar abierto. Sus enlaces de invitación anteriores siguen cerrados: envía /rotate para crear otros nuevos.
audit-title = <b>Auditoría · { $group }</b> (últimos { $days } días)
audit-none = No se registró nada en <b>{ $group }</b> en los últimos { $days } días.
audit-line = • { $at } — { $actor }: { $action ->
        [group_created] creó el grupo
        [member_removed] quitó a { $target }
        [promoted] hizo facilitador/a a { $target }
        [demoted] hizo miembro a { $target }
        [link_rotated] reemplazó los enlaces de invitación
        [link_limited] limitó un enlace de invitación
        [archived] archivó el grupo
        [unarchived] reabrió el grupo
        [chat_linked] vinculó un grupo de Telegram
        [chat_unlinked] desvinculó un grupo de Telegram
        [comment_hidden] ocultó un comentario
        [survey_closed] cerró una encuesta
        [post_sent] envió una publicación
       *[survey_sent] envió una encuesta
    }{ $detail ->
        [none] { "" }
       *[other] { " " }({ $detail })
    }
audit-erased = una persona borrada
audit-operator = el operador

## 20: privacy under attack
digest-question-withheld = <i>{ $number }. { $prompt }</i> — menos de { $min } respuestas por ahora (anónima: se muestran desde { $min } respuestas, hasta la última hora completa)
group-reply-not-member = Respondiste a una publicación en el chat de grupo de <b>{ $group }</b>, pero no eres miembro de ese grupo de trabajo, así que tu respuesta no se guardó. Solo las respuestas de sus miembros llegan a quienes lo facilitan.
privacy-anonymity = <b>Encuestas anónimas:</b> nadie ve tus respuestas con tu nombre, y participar no cambia nada de lo que se muestra con tu nombre. Quienes facilitan ven las respuestas de una pregunta solo como totales, cuando tiene al menos { $min } respuestas, y solo como estaban a la última hora completa.
## 16: outage
retry-failed-button = 🔁 Reenviar los fallidos · #{ $id } ({ $count })
retry-failed-done = 🔁 { $count ->
        [one] Se reenvía { $count } entrega.
       *[other] Se reenvían { $count } entregas.
    }
retry-failed-none = No falló nada: no hay nada que reenviar.
not-saved = ⚠️ Eso no se guardó: el servidor no puede almacenar nada en este momento (su disco está lleno o es de solo lectura). No se conservó nada. Por favor, envíalo de nuevo más tarde.
broadcast-held-up = ⏳ Tu publicación #{ $id } «{ $title }» para <b>{ $group }</b> está retenida: tras { $minutes } minutos, { $pending } de sus mensajes siguen esperando ({ $sent } entregados). Ahora no se puede llegar a Telegram; saldrán solos en cuanto se pueda, y te avisaremos cuando termine.
broadcast-done = ✅ Tu publicación #{ $id } «{ $title }» para <b>{ $group }</b> ha terminado: { $sent } entregados, { $failed } fallidos, { $blocked } bloqueados. Los fallidos se pueden reenviar desde /status.
## 14: sandbox
sandbox-title = coloop sandbox (entorno de prueba)
sandbox-banner = Esto es un entorno de prueba: el bot real habla con una imitación de Telegram en este ordenador. Nada llega a Telegram y nadie más ve estos chats.
sandbox-first-person = Coordinación
sandbox-people = Personas
sandbox-add-person = Añadir una persona
sandbox-name = Nombre
sandbox-language = Idioma de Telegram
sandbox-add = Añadir
sandbox-add-group = Añadir un grupo de Telegram
sandbox-group-title = Título
sandbox-private-chat = Chat con
sandbox-message-placeholder = Escribe un mensaje o un /comando…
sandbox-send = Enviar
sandbox-attach = 📎 Nota de voz o foto
sandbox-reply = Responder
sandbox-replying-to = Respondiendo a
sandbox-cancel-reply = Cancelar
sandbox-edited = editado
sandbox-voice = Nota de voz
sandbox-photo = Foto
sandbox-document = 📄
sandbox-download = Descargar
sandbox-no-messages = Aún no hay mensajes. Prueba /start o /help.
sandbox-error-offline = El entorno de prueba no responde: ¿sigue en marcha?
sandbox-error-live-lost = Las actualizaciones en vivo se cortaron; reintentando…
sandbox-error-other = Eso no funcionó.
sandbox-error-bad-request = No se entendió esa petición.
sandbox-error-unknown-person = No hay tal persona en el entorno de prueba.
sandbox-error-empty-text = Escribe algo primero.
sandbox-error-text-too-long = Es más largo de lo que Telegram permite (4096 caracteres).
sandbox-error-unknown-chat = No existe ese chat.
sandbox-error-not-your-chat = Ese es el chat privado de otra persona.
sandbox-error-unknown-message = Ese mensaje no está en este chat.
sandbox-error-bad-name = Un nombre tiene de 1 a 64 caracteres.
sandbox-error-bad-language = Un idioma es un código como en, es o pt-BR.
sandbox-error-bad-title = Un título tiene de 1 a 128 caracteres.
sandbox-error-file-too-large = Ese archivo es demasiado grande (10 MB como máximo).
sandbox-error-empty-file = Ese archivo está vacío.
sandbox-error-file-kind = Aquí solo se pueden enviar notas de voz (audio) y fotos (imágenes).

## 21: the dashboard (/web, its sign-in and its pages; page words are plain text)
menu-web = Entrar al panel en tu navegador (facilitadores)
usage-web = Uso: <code>/web</code> para un enlace de acceso al panel, <code>/web logout</code> para cerrar la sesión en todas partes
help-web = /web — entra al panel en tu navegador: grupos, prototipos, gráficos de encuestas, comentarios (<code>/web logout</code> cierra la sesión en todas partes)
web-link =
    🔐 Tu enlace de acceso al panel: funciona una sola vez, durante 10 minutos, y solo para ti (no lo reenvíes):
    { $link }
web-no-server = El panel lo sirve el servidor HTTP de coloop, que aquí no está en marcha. Quien opera el bot lo activa con <code>COLOOP_HTTP_LISTEN</code> (y <code>COLOOP_PUBLIC_URL</code>, la dirección que abre la gente).
web-logged-out = { $count ->
        [0] No tenías ninguna sesión abierta en el panel; los enlaces de acceso sin usar ya no funcionan.
        [one] Sesión cerrada en el panel: terminó 1 sesión.
       *[other] Sesión cerrada en el panel: terminaron { $count } sesiones.
    }
web-signed-in-as = Has entrado como { $name }
web-dashboard = Panel de coloop
web-skip-to-content = Saltar al contenido
web-sign-in = Entrar
web-sign-in-title = Entrar al panel de coloop
web-sign-in-explained = Pulsa el botón para entrar en este dispositivo. El enlace funciona una vez, durante 10 minutos; la sesión dura 12 horas.
web-link-refused = Este enlace de acceso ya no funciona
web-link-refused-explained = Ya se usó, o pasaron más de 10 minutos. Envía /web a coloop en tu chat privado de Telegram para recibir otro.
web-need-sign-in = Por favor, entra
web-need-sign-in-explained = Envía /web a coloop en tu chat privado de Telegram: te responde con un enlace de acceso.
web-sign-out = Salir
web-signed-out = Has salido
web-signed-out-explained = Envía /web a coloop en Telegram cuando quieras volver a entrar.
web-not-found = Página no encontrada
web-not-found-explained = Esa página no existe, o no es una que puedas ver.
web-stale-form = Este formulario caducó
web-stale-form-explained = Vuelve atrás, recarga la página e inténtalo de nuevo.
web-failed = Algo salió mal
web-failed-explained = Algo falló de nuestro lado; quedó registrado. Inténtalo de nuevo en un momento.
web-overview = Resumen
web-groups = Grupos de trabajo
web-group = Grupo de trabajo
web-window = Periodo
web-window-7 = Últimos 7 días
web-window-30 = Últimos 30 días
web-window-90 = Últimos 90 días
web-window-all = Todo el tiempo
web-show = Mostrar
web-privacy = Este panel usa una sola cookie, para mantener tu sesión; no guarda datos de seguimiento.
web-coordinator = Coordinación
web-facilitator = Facilitación
web-no-groups = Todavía no hay grupos de trabajo que puedas ver.
web-members = Integrantes
web-active = Activos
web-paused = En pausa
web-blocked = Bloquearon el bot
web-posts = Publicaciones
web-surveys = Encuestas
web-response-rate = Tasa de respuesta
web-comments = Comentarios
web-last-activity = Última actividad
web-never = Nunca
web-equity = Quién responde: tasa de respuesta por grupo y categoría
web-silent = Integrantes en silencio
web-challenge = Reto
web-timeline = Cronología
web-prototypes = Prototipos
web-prototype = Prototipo
web-outcome = Resultado de sesión
web-question = Pregunta
web-category = Categoría
web-status = Estado
web-status-history = Historial de estados
web-delivery = Entrega
web-delivered = Entregados
web-pending = Pendientes
web-undelivered = No entregados
web-you-said-we-did = Nos dijiste, hicimos
web-answers = Respuestas
web-survey = Encuesta
web-chart = Gráfico
web-chart-text = Los números del gráfico en una tabla
web-text-answers = Respuestas escritas
web-responses-over-time = Respuestas a lo largo del tiempo
web-held = Retenidas para mantener el anonimato de las respuestas
web-filter = Filtrar
web-post = Publicación
web-any-post = Cualquier publicación
web-kind = Tipo
web-any-kind = Cualquier tipo
web-kind-text = Texto
web-kind-voice = Nota de voz
web-kind-photo = Foto
web-from = Desde
web-until = Hasta
web-include-hidden = Incluir comentarios ocultos
web-search = Palabras a buscar
web-hide = Ocultar
web-hidden = Oculto
web-no-comments = Ningún comentario coincide.
web-export = Exportar
web-export-explained = Los mismos archivos CSV que /export en el chat, y una página para imprimir para la sesión.
web-download = Descargar
web-csv-answers = Respuestas de encuestas (CSV)
web-csv-comments = Comentarios (CSV)
web-csv-deliveries = Entregas (CSV)
web-print = Imprimir esta página
web-print-explained = Usa la orden de imprimir de tu navegador: la página se imprime sin su navegación.
web-not-ready = Esta parte del panel todavía no está disponible.
web-date = Fecha
web-text = Texto
web-nothing = Nada todavía.
web-percent = { $value } %
web-anonymous = Anónimo
web-survey-open = Abierta
web-survey-closed = Cerrada
web-respondents = Respondieron
web-reached = Alcanzados
web-finished = Respondieron todo
web-mean = Media
web-count = Cantidad
web-share = Proporción
web-day = Día
web-invited = Alcanzados por encuestas
web-other = Otras publicaciones
web-archived = Finalizado
web-withheld = Todavía hay muy pocas respuestas para mostrarla: una pregunta anónima se muestra a partir de su mínimo de respuestas.
web-next-page = Comentarios anteriores
web-told = Personas avisadas
web-summary = Resumen
web-answered = Respondido
web-print-layout = Resumen para imprimir
web-no-value = –
## 19: redes — ofrecer ayuda
menu-help_with = Ofrecer tu ayuda con un prototipo
menu-offers = Lo que ofreciste
menu-volunteers = Quién ofreció ayuda (facilitación)
usage-help_with = Uso: <code>/help_with &lt;número de publicación&gt;</code>, p. ej. <code>/help_with 12</code> (el número está bajo el título del prototipo)
usage-offers = Uso: <code>/offers</code>
usage-volunteers = Uso: <code>/volunteers &lt;grupo&gt; [número de publicación]</code>, p. ej. <code>/volunteers water-access</code>
help-member-network =
    Toca “🙋 Quiero ayudar” bajo un prototipo, o envía /help_with &lt;número de publicación&gt;, para ofrecer tu ayuda; /offers muestra lo que ofreciste
help-facilitator-network =
    /volunteers &lt;grupo&gt; [número de publicación] — quién ofreció ayuda y con qué, lo más reciente primero
spec-volunteer-anonymous = una pregunta de voluntariado no puede estar en una encuesta anónima: ofrecer ayuda no es anónimo
offer-help-button = 🙋 Quiero ayudar
offer-unknown-post = No hay ninguna publicación #{ $post } en tus grupos de trabajo.
offer-not-prototype = La publicación #{ $post } no es un prototipo: la ayuda se ofrece en los prototipos.
offer-thanks-toast = ¡Gracias!
offer-ask-text =
    🙋 ¡Gracias por ofrecer tu ayuda con <b>{ $title }</b> (#{ $post }, { $group })!

    ¿Qué puedes ofrecer? Responde a este mensaje con pocas palabras — “soy plomera”, “puedo prestar un lugar para reunirnos” — o toca Omitir.
offer-skip-button = Omitir
offer-ask-contact = ¿Cómo pueden contactarte sobre <b>{ $title }</b>?
offer-contact-introduce-button = Quien facilita puede presentarme a otras personas que trabajan en esto
offer-contact-facilitator-button = Solo quien facilita puede contactarme
offer-done =
    ✅ Anotamos tu oferta de ayuda con <b>{ $title }</b>. { $contact ->
        [facilitator] Solo quien facilita te contactará.
       *[introduce] Quien facilita puede presentarte a otras personas que trabajan en esto; nadie recibe tu contacto si no aceptas.
    } /offers muestra tus ofertas; puedes retirar una allí cuando quieras.
offer-text-saved = ✅ Anotamos lo que puedes ofrecer para <b>{ $title }</b>.
offer-saved-toast = Guardado
offers-title = <b>Tus ofertas de ayuda</b> ({ $count })
offers-none = No ofreciste ayuda con nada todavía. Toca “🙋 Quiero ayudar” bajo un prototipo, o envía /help_with &lt;número de publicación&gt;.
offers-line = • #{ $post } <b>{ $title }</b> ({ $group }){ $text } — { $contact ->
        [facilitator] solo quien facilita puede contactarte
       *[introduce] quien facilita puede presentarte
    }
offer-text-quoted = : “{ $text }”
offer-withdraw-button = Retirar #{ $post } { $title }
offer-withdrawn-toast = Retirada: ya no figuras en ninguna lista por ella
volunteers-title = <b>Voluntariado · { $group }</b> ({ $count }, lo más reciente primero)
volunteers-none = Nadie ofreció ayuda en <b>{ $group }</b> todavía.
volunteers-post-none = Nadie ofreció ayuda con la publicación #{ $post } todavía.
volunteers-line = • <b>{ $name }</b> — #{ $post } { $title }{ $text } — { $contact ->
        [facilitator] solo tú puedes contactarle
       *[introduce] se le puede presentar a otras personas
    }
menu-introduce = Presentar voluntarios entre sí (facilitación)
usage-introduce = Uso: <code>/introduce &lt;grupo&gt; [número de publicación]</code>, p. ej. <code>/introduce water-access</code>
help-facilitator-introduce =
    /introduce &lt;grupo&gt; [número de publicación] — presentar entre sí a voluntarios que lo aceptaron; reciben el contacto de los demás solo si todos aceptan
intro-nobody = Nadie en <b>{ $group }</b> ofreció ayuda y aceptó que le presenten todavía (tiene que elegir “quien facilita puede presentarme”).
intro-picker = ¿A quiénes presento entre sí en <b>{ $group }</b>? Elige dos o más personas que ofrecieron ayuda y toca Siguiente. Elegidas: { $count }.
intro-person-button = { $on ->
        [yes] ✅
       *[no] ▫️
    } { $name }
intro-next-button = Siguiente ▶
intro-cancel-button = Cancelar
intro-pick-two-toast = Elige al menos dos personas.
intro-ask-note = ¿Por qué presentas a { $names } entre sí? Responde a este mensaje con una nota corta: cada una la leerá.
intro-cancelled = Cancelado: no se le preguntó a nadie.
intro-invitation =
    🤝 { $facilitator }, quien facilita <b>{ $group }</b>, quiere presentarte a { $others }.

    Por qué: <i>{ $note }</i>

    Si todas las personas aceptan, cada una recibe el contacto de las demás y puede escribirles a través de mí. Nadie recibe el tuyo si no aceptan todas.
intro-a-facilitator = Una persona facilitadora
intro-accept-button = ✅ Aceptar
intro-decline-button = No, gracias
intro-you-accepted = ✅ Aceptaste la presentación a { $others }. Cuando todas acepten, recibirás su contacto.
intro-you-declined = Dijiste no, gracias, a la presentación a { $others }. Nadie recibe tu contacto.
intro-answer-toast = Gracias
intro-status-title = <b>Presentación · { $group }</b>
intro-status-line = • { $name } — { $answer ->
        [accepted] aceptó
        [declined] no aceptó
       *[waiting] sin responder
    }
intro-status-outcome = { $state ->
        [made] 🤝 Todas aceptaron: cada una tiene el contacto de las demás.
        [declined] No se concretó.
        [withdrawn] No se concretó.
       *[pending] Esperando respuestas.
    }
intro-made =
    🤝 Presentación hecha (<b>{ $group }</b>): tú y <b>{ $peer }</b> aceptaron. { $username ->
        [none] {""}
       *[other] Telegram: @{ $username }.
    }
    Responde a este mensaje para escribirle a { $peer } a través de mí; tus respuestas le llegan solo a { $peer } y no guardo nada de ellas.
intro-did-not-happen = La presentación a { $others } (<b>{ $group }</b>) no se concretó.
relay-message =
    💬 <b>{ $name }</b>: { $text }

    <i>Responde a este mensaje para contestarle a { $name }.</i>
relay-sent = ✓ Enviado a <b>{ $peer }</b>.
relay-ended-notice = La conversación con <b>{ $peer }</b> terminó.
relay-ended = Esta conversación terminó: no se envió nada.
relay-too-many = Enviaste muchos mensajes a través de mí en la última hora; espera un poco antes de volver a escribir.
relay-text-only = Solo se puede enviar texto.
relay-end-button = Terminar esta conversación
relay-ended-toast = Terminada
privacy-network = <b>Ofertas y presentaciones.</b> Cuando ofreces ayuda, quienes facilitan ese grupo ven tu nombre, lo que puedes ofrecer y cómo aceptaste que te contacten; /offers retira una oferta. Solo te presentan a alguien si aceptas, y tu contacto (tu @usuario, o un reenvío a través de mí) llega solo a personas que también aceptaron. Los mensajes reenviados no se guardan.
menu-actor = Agregar otro actor con el que trabaja un grupo (facilitación)
menu-actors = Otros actores de un grupo (facilitación)
menu-share_actor = Compartir un actor con las personas del grupo (facilitación)
menu-profile = Figurar en el quién es quién, o no
menu-people = Quién es quién en tu grupo
usage-actor =
    Uso: <code>/actor add &lt;grupo&gt; &lt;nombre&gt;</code>, y luego líneas opcionales:
    <code>offers: Análisis de agua gratuitos</code>
    <code>contact: info@aguaviva.org</code> (una web, correo o teléfono que el actor aceptó publicar)
    <code>category: community</code> (community, sme, large_scale o public_service)
usage-actors = Uso: <code>/actors &lt;grupo&gt;</code>, p. ej. <code>/actors water-access</code>
usage-share_actor = Uso: <code>/share_actor &lt;número de actor&gt;</code>, p. ej. <code>/share_actor 3</code> (el número está en /actors)
usage-profile = Uso: <code>/profile &lt;una línea sobre ti&gt;</code> para figurar, <code>/profile off</code> para salir, <code>/profile</code> para verlo
usage-people = Uso: <code>/people &lt;grupo&gt;</code>, p. ej. <code>/people water-access</code>
problem-bad-text = { $command }: el texto: { $problem }
problem-bad-contact = { $command }: “{ $raw }” no es una dirección web, un correo ni un teléfono
help-member-whos-who =
    /profile &lt;una línea&gt; — figurar en el quién es quién para las personas de tus grupos (/profile off te quita enseguida); /people &lt;grupo&gt; — quién figura
help-facilitator-actors =
    /actor add &lt;grupo&gt; &lt;nombre&gt; (+ líneas offers:, contact:, category:) — otro actor con el que trabaja tu grupo; /actors &lt;grupo&gt; los muestra; /share_actor &lt;número&gt; comparte uno con el grupo
profile-none = No figuras en el quién es quién. Envía <code>/profile</code> y una línea sobre ti (“arreglo bicicletas y presto herramientas”) para figurar para las demás personas de tus grupos; nadie figura si no lo pide.
profile-shown = Figuras en el quién es quién como: <i>{ $line }</i>
    /profile off te quita de la lista enseguida.
profile-set =
    ✅ Figuras en el quién es quién para las demás personas de tus grupos como: <i>{ $line }</i>
    Pueden pedirte estar en contacto; tu contacto llega solo a quienes aceptes. /profile off te quita enseguida.
profile-off = Ya no figuras en el quién es quién.
profile-off-none = No figurabas en el quién es quién.
people-title = <b>Quién es quién · { $group }</b> ({ $count })
people-none = Nadie en <b>{ $group }</b> figura en el quién es quién todavía. /profile te agrega.
people-line = • <b>{ $name }</b> — { $line }
people-contact-button = ✉️ { $name }
contact-asked-toast = Preguntado
contact-asked = Le pregunté a <b>{ $name }</b> si quiere estar en contacto. Si acepta, cada una recibe el contacto de la otra.
contact-already = Ya le preguntaste a <b>{ $name }</b>, o ya están en contacto.
contact-invitation =
    🤝 <b>{ $name }</b>, del grupo <b>{ $group }</b>, quiere estar en contacto contigo.{ $line }

    Si aceptas, cada una recibe el contacto de la otra y pueden escribirse a través de mí. Si no, no recibe nada.
contact-their-line = {" "}Su presentación: <i>{ $line }</i>
actor-added = ✅ Actor #{ $id } <b>{ $name }</b> agregado a <b>{ $group }</b>. /share_actor { $id } lo comparte con el grupo.
actors-title = <b>Otros actores · { $group }</b> ({ $count })
actors-none = Todavía no hay actores en <b>{ $group }</b>. Agrega uno con /actor add.
actor-line = • #{ $id } <b>{ $name }</b>{ $details }
actor-category-part = {" "}· { $category }
actor-offers-part = {" "}— { $offers }
actor-contact-part = {" "}— { $contact }
actor-notice =
    🤝 <b>Otro actor · { $group }</b>
    <b>{ $name }</b>{ $details }
actor-unknown = No hay ningún actor #{ $id } en tus grupos.
actor-shared = 📣 Compartiste <b>{ $name }</b> con { $count } personas de <b>{ $group }</b>.
intro-actor-button = { $on ->
        [yes] ✅
       *[no] 🏢
    } { $name }
intro-made-actor = 🤝 Presentación hecha (<b>{ $group }</b>): <b>{ $actor }</b>{ $details }. Aceptaron publicar este contacto: puedes escribirles directamente.
digest-network = <b>Red</b>
digest-network-offers = • #{ $post } { $title } ({ $group }): { $count ->
        [one] 1 oferta
       *[other] { $count } ofertas
    } de ayuda
digest-network-introductions = • Presentaciones: { $sent } enviadas, { $made } aceptadas por todas las personas
digest-network-actors = • Otros actores, { $category }: { $count }
digest-network-no-category = sin categoría
digest-network-listed = • Figuran en el quién es quién: { $count }
intro-picked-toast = { $on ->
        [yes] Elegido
       *[no] No elegido
    }

## consent: a newer consent text, shown again to people who agreed to an older one
consent-renewal =
    📄 <b>Lo que coloop guarda ha cambiado un poco.</b>

    <b>Lo que guardamos:</b> tu id de Telegram, tu nombre, tu <b>@usuario</b> (nuevo: para que quienes facilitan tus grupos te encuentren por él, y para que las personas a las que aceptes que te presenten puedan escribirte) y tu idioma, los grupos en los que estás, y tus respuestas y comentarios. <b>Quién lo ve:</b> quienes facilitan tus grupos y quienes coordinan la plataforma.

    Mientras no aceptes, no guardo ningún @usuario tuyo; todo lo demás sigue como antes. /privacy te lo cuenta todo, /forget lo borra todo. ¿Estás de acuerdo?
consent-renewed = ✅ Aceptaste. ¡Gracias!
