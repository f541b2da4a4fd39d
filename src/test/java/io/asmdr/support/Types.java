package io.asmdr.support;

/** Pulumi type tokens the graph tests look for. */
public final class Types {
    private Types() {}

    public static final String VPC = "alicloud:vpc/network:Network";
    public static final String VSW = "alicloud:vpc/switch:Switch";
    public static final String CEN = "alicloud:cen/instance:Instance";
    public static final String TR = "alicloud:cen/transitRouter:TransitRouter";
    public static final String VPC_ATT = "alicloud:cen/transitRouterVpcAttachment:TransitRouterVpcAttachment";
    public static final String PEER = "alicloud:cen/transitRouterPeerAttachment:TransitRouterPeerAttachment";
    public static final String ASSOC = "alicloud:cen/transitRouterRouteTableAssociation:TransitRouterRouteTableAssociation";
    public static final String PROP = "alicloud:cen/transitRouterRouteTablePropagation:TransitRouterRouteTablePropagation";
    public static final String ROUTE = "alicloud:cen/transitRouterRouteEntry:TransitRouterRouteEntry";
    public static final String VPC_ROUTE = "alicloud:vpc/routeEntry:RouteEntry";
    public static final String ACK = "alicloud:cs/managedKubernetes:ManagedKubernetes";
    public static final String POOL = "alicloud:cs/nodePool:NodePool";
    public static final String RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";
    public static final String ASM = "alicloud:servicemesh/serviceMesh:ServiceMesh";
    public static final String K8S = "pulumi:providers:kubernetes";
    public static final String ALI = "pulumi:providers:alicloud";
    public static final String ISTIO_GATEWAY = "kubernetes:istio.alibabacloud.com/v1beta1:IstioGateway";
    public static final String GATEWAY = "kubernetes:networking.istio.io/v1alpha3:Gateway";
    public static final String VS = "kubernetes:networking.istio.io/v1alpha3:VirtualService";
    public static final String DR = "kubernetes:networking.istio.io/v1alpha3:DestinationRule";
    public static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    public static final String SERVICE = "kubernetes:core/v1:Service";
    public static final String SA = "kubernetes:core/v1:ServiceAccount";
    public static final String NS_PATCH = "kubernetes:core/v1:NamespacePatch";
}
